import type { MethodOutput, MethodParams } from '../../../shared/contract';
import { BrokerConfig, urlHasCredentials, type BrokerEntry } from '../../../shared/contract/schemas/brokers';
import { invalidParamsFor, notFound } from '../../../shared/errors';
import { previewMapping } from '../protocols/json/mapping';
import { settingsIssues } from './broker-checks';
import { redactUrl } from './broker-errors';
import { testBroker } from './broker-probe';
import type { BrokerRecord, BrokerRegistry } from './broker-registry';

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

/** Broker links as an engineer manages them: listed without secrets, saved after checks, tested step by step. */
export class BrokerAdmin {
  constructor(private readonly brokers: BrokerRegistry) {}

  list(): MethodOutput<'brokers.list'> {
    return { brokers: this.brokers.list().map(entryOf) };
  }

  async save(input: SaveInput): Promise<BrokerEntry> {
    const config = this.resolveSettings(input, true);
    const issues = settingsIssues(config);
    if (issues.length > 0) throw invalidParamsFor('brokers.save', issues);
    return entryOf(await this.brokers.save(config));
  }

  async remove(id: string): Promise<void> {
    await this.brokers.remove(id);
  }

  async test(q: MethodParams<'brokers.test'>): Promise<MethodOutput<'brokers.test'>> {
    if (q.settings !== undefined) return testBroker(this.resolveSettings(q.settings, false));
    const record = this.brokers.get(q.id!);
    if (record === undefined) throw notFound(`broker ${q.id}`);
    return testBroker(record.config);
  }

  previewMapping(q: MethodParams<'brokers.previewMapping'>): MethodOutput<'brokers.previewMapping'> {
    return previewMapping(q.mapping, q.topic, Buffer.from(q.payload, q.encoding));
  }

  /**
   * The settings to use: a password left out is the one the link has now, and null or an empty string
   * removes it. `forSave`: a stored password that could not be unsealed must be given again or cleared.
   */
  private resolveSettings(input: SaveInput, forSave: boolean): BrokerConfig {
    const { password, ...rest } = input;
    const current = this.brokers.get(input.id);
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
}
