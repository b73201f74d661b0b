import { BrokerConfig, urlHasCredentials, type BrokerEntry } from '../../../shared/contract/schemas/brokers';
import type { MethodParams } from '../../../shared/contract';
import { invalidParamsFor, notFound } from '../../../shared/errors';
import { redactUrl } from '../../iot/transport/broker-errors';
import { settingsIssues } from '../../iot/transport/broker-checks';
import { testBroker } from '../../iot/transport/broker-probe';
import type { BrokerRecord, BrokerRegistry } from '../../iot/transport/broker-registry';
import { previewMapping } from '../../iot/protocols/json/mapping';
import type { Handlers } from '../dispatcher';
import type { Services } from './services';

type SaveInput = MethodParams<'brokers.save'>;

/** A link as answered to clients: the password never leaves the core, and the URL loses any credentials. */
function entryOf(r: BrokerRecord): BrokerEntry {
  const { password, ...settings } = r.config;
  return {
    source: r.source,
    editable: r.source === 'saved',
    settings: { ...settings, url: redactUrl(settings.url), hasPassword: password !== undefined || r.lostPassword || urlHasCredentials(settings.url) },
    link: r.link?.state ?? null,
    problem: r.problem,
  };
}

/**
 * The settings to use: a password left out is the one the link has now, and null or an empty string
 * removes it. `forSave`: a stored password that could not be unsealed must be given again or cleared.
 */
function resolveSettings(brokers: BrokerRegistry, input: SaveInput, forSave: boolean): BrokerConfig {
  const { password, ...rest } = input;
  const current = brokers.get(input.id);
  let resolved: string | undefined;
  if (password === undefined) {
    if (forSave && current?.lostPassword) {
      throw invalidParamsFor('brokers.save', [{ path: ['password'], message: 'the saved password cannot be read; enter it again, or clear it' }]);
    }
    resolved = current?.config.password;
  } else if (password !== null && password !== '') {
    resolved = password;
  }
  return resolved === undefined ? BrokerConfig.parse(rest) : BrokerConfig.parse({ ...rest, password: resolved });
}

export function brokerHandlers(
  s: Services,
): Pick<Handlers, 'brokers.list' | 'brokers.save' | 'brokers.remove' | 'brokers.test' | 'brokers.previewMapping'> {
  return {
    'brokers.list': () => ({ brokers: s.brokers.list().map(entryOf) }),

    'brokers.save': async (input) => {
      const config = resolveSettings(s.brokers, input, true);
      const issues = settingsIssues(config);
      if (issues.length > 0) throw invalidParamsFor('brokers.save', issues);
      return entryOf(await s.brokers.save(config));
    },

    'brokers.remove': async ({ id }) => {
      await s.brokers.remove(id);
      return { ok: true as const };
    },

    'brokers.test': async (q) => {
      if (q.settings !== undefined) return testBroker(resolveSettings(s.brokers, q.settings, false));
      const record = s.brokers.get(q.id!);
      if (record === undefined) throw notFound(`broker ${q.id}`);
      return testBroker(record.config);
    },

    'brokers.previewMapping': (q) => previewMapping(q.mapping, q.topic, Buffer.from(q.payload, q.encoding)),
  };
}
