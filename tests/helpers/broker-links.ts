import { hostAnnouncement } from '../../src/core/iot/protocols/sparkplug/host-state';
import { BrokerLink, type BrokerLinkEvents, type LinkProtocol, type LinkState, type LinkStatus } from '../../src/core/iot/transport/broker-link';
import { BrokerConfig, type BrokerConfigInput } from '../../src/shared/contract/schemas/brokers';
import { waitFor } from './wait-for';

/** A broker link whose messages and status changes are kept for the test to look at. */
export interface RecordedLink {
  link: BrokerLink;
  /** Starts the link subscribed to these filters (what a link's protocols would give it). */
  start(filters: string[]): void;
  messages: { topic: string; payload: string }[];
  states: LinkStatus[];
  /** Waits until the link is in `state` (and, when given, its last error matches). */
  reach(state: LinkState, lastError?: RegExp, timeoutMs?: number): Promise<LinkStatus>;
}

/** Fast retries, so that tests wait tens of milliseconds, not seconds, for a reconnect. */
export const testBackoff = { initialMs: 50, maxMs: 400 };

export function recordedLink(
  config: Partial<BrokerConfigInput> & { url: string },
  options: { installationId?: string; whenCommitted?: BrokerLinkEvents['whenCommitted'] } = {},
): RecordedLink {
  const messages: RecordedLink['messages'] = [];
  const states: LinkStatus[] = [];
  const events: BrokerLinkEvents = {
    onMessage: (_linkId, topic, payload) => {
      messages.push({ topic, payload: payload.toString() });
    },
    onStatus: (status) => states.push(status),
    ...(options.whenCommitted ? { whenCommitted: options.whenCommitted } : {}),
  };
  const parsed = BrokerConfig.parse({ id: 'site', name: 'Site broker', backoff: testBackoff, ...config });
  // Plain MQTT with the filters the test gives; with a Sparkplug host id, the host's STATE as the real protocol announces it.
  const hostId = parsed.sparkplug?.hostId;
  const protocol: { filters: string[] } & LinkProtocol = { filters: [], ...(hostId !== undefined ? hostAnnouncement(hostId) : {}) };
  const link = new BrokerLink(parsed, protocol, events, { installationId: options.installationId ?? 'test0001' });
  return {
    link,
    start(filters) {
      protocol.filters = filters;
      link.start();
    },
    messages,
    states,
    async reach(state, lastError, timeoutMs = 10_000) {
      const matches = () => link.state.state === state && (lastError === undefined || lastError.test(link.state.lastError ?? ''));
      try {
        await waitFor(matches, timeoutMs, `link ${parsed.id} to be ${state}${lastError ? ` with ${lastError}` : ''}`);
      } catch (err) {
        throw new Error(`${(err as Error).message}; it is ${JSON.stringify(link.state)}`, { cause: err });
      }
      return link.state;
    },
  };
}
