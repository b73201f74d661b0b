import mqtt, { type MqttClient } from 'mqtt';
import { brokerDefaults, type BrokerConfig } from '../../../shared/contract/schemas/brokers';
import { isVersionRefusal, type LinkError } from './broker-errors';
import { connectOptions, linkClientId, protocolVersionOf, subscriptionFilters } from './broker-options';
import type { RetiredLink } from './broker-registry';
import { compileMapping } from '../protocols/json/mapping';

const TIDY_TIMEOUT_MS = 5_000;

/** The filters a link with these settings subscribes to. */
export function linkFilters(config: BrokerConfig): string[] {
  return subscriptionFilters(
    config.mappings.map((m) => compileMapping(m).template.filter),
    config.sharedGroup,
  );
}

/**
 * The broker keeps a link's persistent session (its subscriptions and a queue of QoS 1 messages) for
 * up to a week after the link stops. When a link is removed, or comes back under another client id or
 * URL, nobody would resume that session: it is ended now. When the same session is resumed with other
 * topic filters, the filters it no longer has are unsubscribed, or their messages would keep arriving.
 */
export async function tidySession(old: RetiredLink, next: BrokerConfig | null, installationId: string): Promise<void> {
  const resumed = next !== null && next.url === old.config.url && linkClientId(next, installationId) === old.clientId;
  if (!resumed) {
    await end(await connectAs(old.config, old.clientId, true));
    return;
  }
  const kept = new Set(linkFilters(next));
  const stale = old.filters.filter((f) => !kept.has(f));
  if (stale.length === 0) return;
  const client = await connectAs(old.config, old.clientId, false);
  try {
    // A message queued in the instant between the old link's stop and now is left unacknowledged, which
    // holds up mqtt.js's reading of later packets: the broker still gets the UNSUBSCRIBE, and the wait for
    // its acknowledgement ends at the timeout.
    await within(client.unsubscribeAsync(stale), 'the broker did not answer the unsubscription');
  } finally {
    await end(client);
  }
}

/** A broker that stops answering must not hold up the change of a link. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${TIDY_TIMEOUT_MS} ms`)), TIDY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function end(client: MqttClient): Promise<void> {
  try {
    await within(client.endAsync(), 'the broker did not take the disconnection');
  } catch {
    client.end(true);
  }
}

/**
 * Connects with the link's own client id. `clean`: a clean start with no session expiry, which ends the
 * stored session. Otherwise the session resumes, and messages queued in it are left unacknowledged, so
 * the broker keeps them for the link that resumes the session next.
 */
async function connectAs(config: BrokerConfig, clientId: string, clean: boolean, protocol = protocolVersionOf(config)): Promise<MqttClient> {
  const client = mqtt.connect(config.url, {
    ...connectOptions(config, { clientId, clean, sessionExpiryS: clean ? 0 : (config.sessionExpiryS ?? brokerDefaults.sessionExpiryS) }, protocol),
    connectTimeout: TIDY_TIMEOUT_MS,
  });
  client.handleMessage = () => undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
      client.once('close', () => reject(new Error('the broker closed the connection')));
    });
    return client;
  } catch (err) {
    client.end(true);
    // Like the link: a broker that speaks only MQTT 3.1.1 gets 3.1.1, unless 5 was asked for.
    if (protocol === 5 && config.protocolVersion === undefined && isVersionRefusal((err as LinkError).code)) {
      return connectAs(config, clientId, clean, 4);
    }
    throw err;
  }
}
