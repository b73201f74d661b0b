import type { Outbound } from '../protocol';
import { SPARKPLUG_NAMESPACE } from './codec';

/**
 * Sparkplug B 3.0 host application state: a host announces itself on `spBv1.0/STATE/<host id>` with
 * a retained `{"online": true, "timestamp": t}` and leaves a will saying offline with the same
 * timestamp. Edge nodes configured with it as primary host wait for it before their births, and
 * publish their births again when it comes back, so a host that starts late misses nothing.
 */
export interface HostState {
  online: boolean;
  /** When the host's MQTT session began; a message older than one already seen is stale. */
  timestamp: number;
}

export function hostStateTopic(hostId: string): string {
  return `${SPARKPLUG_NAMESPACE}/STATE/${hostId}`;
}

export function hostStatePayload(state: HostState): Buffer {
  return Buffer.from(JSON.stringify({ online: state.online, timestamp: state.timestamp }));
}

/** The state a STATE payload announces; null when it is not one. */
export function parseHostState(payload: Buffer): HostState | null {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== 'object') return null;
  const { online, timestamp } = doc as Record<string, unknown>;
  if (typeof online !== 'boolean' || typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return null;
  return { online, timestamp };
}

/** What a host with this id publishes around each MQTT session: STATE online once subscribed, offline as its will and on leaving. */
export interface HostAnnouncement {
  will(sessionStartedAt: number): Outbound;
  birth(sessionStartedAt: number): Outbound;
  /** A graceful disconnect does not fire the will, so a host leaving on purpose says it itself. */
  farewell(sessionStartedAt: number): Outbound;
}

export function hostAnnouncement(hostId: string): HostAnnouncement {
  const state = (online: boolean, timestamp: number, qos: 0 | 1): Outbound => ({
    topic: hostStateTopic(hostId),
    payload: hostStatePayload({ online, timestamp }),
    qos,
    retain: true,
  });
  return {
    will: (t) => state(false, t, 1),
    birth: (t) => state(true, t, 1),
    farewell: (t) => state(false, t, 0),
  };
}
