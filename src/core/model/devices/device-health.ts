import type { QualitySummary } from '../../../shared/contract/schemas/devices';
import type { ReadingValue } from '../../iot/protocols/json/decoder';
import { QualityWindow } from '../quality/quality-window';
import { learnInterval } from '../quality/learned-interval';

/** What is known of a device's life, from its messages and from births, deaths and wills. */
export interface DeviceActivity {
  deviceId: number;
  lastSeen: number | null;
  online: boolean;
  /** Why the device is (off)line: "message", "birth", "death", "status", "heartbeat timeout"... */
  reason: string;
  /** What the reason rests on, e.g. the value its status point reported. */
  detail: string | null;
  since: number;
  messages: number;
  /** Messages per minute over the last minute, as of the last sweep. */
  ratePerMin: number;
  /** The gap between its messages, learned from traffic; 0 before two messages. */
  learnedMs: number;
  /** Receipt time of its last message in this run; 0 before one (a restored `lastSeen` is no receipt). */
  receivedAt: number;
  /** Message counts at the last sweeps, for the rate. */
  counts: Float64Array;
}

/** A point whose value says whether its device is up, e.g. the topic of its MQTT last will. Values are compared as lower-case text. */
export interface StatusMatcher {
  name: string;
  online: ReadonlySet<string>;
  offline: ReadonlySet<string>;
}

/** What the device's profile (or its registration) says about its heartbeat and status point. */
export interface HealthPolicy {
  /** Changes whenever profiles are assigned, so cached status rules are looked up again. */
  readonly version: number;
  /** NaN when neither a registration nor a profile says. */
  expectedIntervalMs(deviceId: number): number;
  heartbeatMissed(deviceId: number): number;
  statusRule(pointId: number): StatusMatcher | null;
}

export const DEFAULT_HEARTBEAT_MISSED = 3;
const noPolicy: HealthPolicy = {
  version: 0,
  expectedIntervalMs: () => NaN,
  heartbeatMissed: () => DEFAULT_HEARTBEAT_MISSED,
  statusRule: () => null,
};

const RATE_WINDOW_MS = 60_000;
/** Reasons that mean the device itself (or its broker, for it) said it is gone. */
const NOT_REPORTED = new Set(['heartbeat timeout', 'never heard from', 'not heard since start']);

export const statusValue = (v: ReadingValue): string => String(v).trim().toLowerCase();

/**
 * Per-device activity, kept in memory and updated on the ingest path (O(1) a message: an array
 * lookup and a few writes). A timer calls `sweep` for what depends on time passing: heartbeat
 * timeouts and message rates.
 */
export class DeviceHealth {
  /** Samples by quality over the last hour, per device. */
  private readonly window = new QualityWindow();
  private readonly entries: (DeviceActivity | undefined)[] = [];
  private statusRules: (StatusMatcher | null | undefined)[] = [];
  private statusVersion: number;
  private readonly ringSize: number;
  private readonly ringTimes: Float64Array;
  private sweeps = 0;

  /** `sweepMs`: how often `sweep` will be called, to size the one-minute rate window. */
  constructor(
    private readonly policy: HealthPolicy = noPolicy,
    sweepMs = 5000,
  ) {
    this.statusVersion = policy.version;
    this.ringSize = Math.ceil(RATE_WINDOW_MS / sweepMs) + 1;
    this.ringTimes = new Float64Array(this.ringSize);
  }

  private entry(deviceId: number, at: number): DeviceActivity {
    let d = this.entries[deviceId];
    if (d === undefined) {
      d = {
        deviceId,
        lastSeen: null,
        online: false,
        reason: 'never heard from',
        detail: null,
        since: at,
        messages: 0,
        ratePerMin: 0,
        learnedMs: 0,
        receivedAt: 0,
        counts: new Float64Array(this.ringSize),
      };
      this.entries[deviceId] = d;
    }
    return d;
  }

  /**
   * A reading from the device arrived. With the point and value, a status point (last will,
   * availability) sets the online state instead of counting as a sign of life.
   */
  seen(deviceId: number, at: number, quality: number, pointId?: number, value?: ReadingValue): void {
    const d = this.entries[deviceId] ?? this.entry(deviceId, at);
    d.messages++;
    if (pointId !== undefined && value !== undefined) {
      const rule = this.statusOf(pointId);
      if (rule !== null) {
        this.applyStatus(d, rule, value, at);
        return;
      }
    }
    if (d.receivedAt !== 0) d.learnedMs = learnInterval(d.learnedMs, at - d.receivedAt);
    d.receivedAt = at;
    d.lastSeen = at;
    this.window.record(deviceId, quality, at);
    if (!d.online) {
      d.online = true;
      d.reason = 'message';
      d.detail = null;
      d.since = at;
    }
  }

  /** A birth, death or will said so. */
  setOnline(deviceId: number, online: boolean, reason: string, at: number): void {
    const d = this.entry(deviceId, at);
    if (d.online !== online) d.since = at;
    d.online = online;
    d.reason = reason;
    d.detail = null;
    // A birth is the device speaking: it was seen, even when it carries no readings of its own.
    if (online && (d.lastSeen === null || at > d.lastSeen)) d.lastSeen = at;
  }

  /** After a restart: the newest stored value of the device tells when it was last heard of. */
  restore(deviceId: number, lastTs: number, at: number): void {
    const d = this.entry(deviceId, at);
    if (d.lastSeen !== null && d.lastSeen >= lastTs) return;
    d.lastSeen = lastTs;
    if (!d.online) d.reason = 'not heard since start';
  }

  get(deviceId: number): DeviceActivity | undefined {
    return this.entries[deviceId];
  }

  /** True when the device (or its broker, by its last will) said it is offline. */
  reportedOffline(deviceId: number): boolean {
    const d = this.entries[deviceId];
    return d !== undefined && !d.online && !NOT_REPORTED.has(d.reason);
  }

  /** The interval its heartbeat is judged against: its profile's, else the one it has shown; NaN when neither. */
  expectedIntervalMs(deviceId: number): number {
    const fromPolicy = this.policy.expectedIntervalMs(deviceId);
    if (!Number.isNaN(fromPolicy)) return fromPolicy;
    const learned = this.entries[deviceId]?.learnedMs ?? 0;
    return learned > 0 ? learned : NaN;
  }

  heartbeatMissed(deviceId: number): number {
    return this.policy.heartbeatMissed(deviceId);
  }

  summary(deviceId: number, now: number): QualitySummary {
    return this.window.summary(deviceId, now);
  }

  /**
   * Time-driven changes: a device silent for more than its heartbeat timeout goes offline, and
   * message rates are taken from the counters. Returns the devices that went offline.
   */
  sweep(now: number): number[] {
    const slot = this.sweeps % this.ringSize;
    // Before the ring is full its first snapshot is the oldest.
    const oldest = this.sweeps >= this.ringSize ? slot : 0;
    const oldestTime = this.sweeps > 0 ? this.ringTimes[oldest]! : NaN;
    const wentOffline: number[] = [];
    for (const d of this.entries) {
      if (d === undefined) continue;
      d.ratePerMin = now > oldestTime ? ((d.messages - d.counts[oldest]!) * 60_000) / (now - oldestTime) : 0;
      d.counts[slot] = d.messages;
      if (!d.online) continue;
      const interval = this.expectedIntervalMs(d.deviceId);
      if (!(interval > 0)) continue;
      const timeout = interval * this.policy.heartbeatMissed(d.deviceId);
      const last = Math.max(d.lastSeen ?? 0, d.since);
      if (now - last > timeout) {
        d.online = false;
        d.reason = 'heartbeat timeout';
        d.detail = null;
        d.since = last + timeout;
        wentOffline.push(d.deviceId);
      }
    }
    this.ringTimes[slot] = now;
    this.sweeps++;
    return wentOffline;
  }

  private statusOf(pointId: number): StatusMatcher | null {
    if (this.statusVersion !== this.policy.version) {
      this.statusRules = [];
      this.statusVersion = this.policy.version;
    }
    let rule = this.statusRules[pointId];
    if (rule === undefined) {
      rule = this.policy.statusRule(pointId);
      this.statusRules[pointId] = rule;
    }
    return rule;
  }

  private applyStatus(d: DeviceActivity, rule: StatusMatcher, value: ReadingValue, at: number): void {
    const v = statusValue(value);
    const online = rule.online.has(v) ? true : rule.offline.has(v) ? false : null;
    // A value the rule does not know says nothing about the device.
    if (online === null) return;
    if (d.online !== online) d.since = at;
    d.online = online;
    d.reason = 'status';
    d.detail = `${rule.name} = ${String(value)}`;
  }
}

const formatS = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
};

/** Why the device is in its state, in a sentence for the operator. */
export function describeActivity(d: DeviceActivity | undefined, intervalMs: number, missed: number): string {
  if (d === undefined || d.reason === 'never heard from') return 'No message from this device has arrived yet.';
  switch (d.reason) {
    case 'message':
      return 'Online: its messages are arriving.';
    case 'not heard since start':
      return 'Not heard from since the core started; its last stored value is from before.';
    case 'heartbeat timeout':
      return `Offline: no message for longer than ${missed} × its expected interval of ${formatS(intervalMs)} (heartbeat timeout).`;
    case 'status':
      return d.online ? `Online: its status point says so (${d.detail}).` : `Offline: its status point says so (${d.detail}), e.g. its last will after the connection was lost.`;
    case 'birth':
    case 'NBIRTH':
    case 'DBIRTH':
      return `Online: it announced itself with a birth certificate${d.reason === 'birth' ? '' : ` (${d.reason})`}.`;
    case 'death':
      return 'Offline: it, or its edge node, reported its death.';
    case 'NDEATH':
      return 'Offline: its edge node died (NDEATH: its own word, or its last will published by the broker).';
    case 'DDEATH':
      return 'Offline: its edge node reported it dead (DDEATH).';
    default:
      return `${d.online ? 'Online' : 'Offline'}: ${d.reason}.`;
  }
}
