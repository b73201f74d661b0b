import type { DeadLetterReason } from '../../../shared/contract/schemas/ingest';
import type { LatestValue } from '../../../shared/contract/schemas/points';
import type { SampleStore } from '../../db/samples';
import { describeWriteError, isWriteError } from '../../db/write-errors';
import type { DeviceHealth } from '../../model/devices/device-health';
import type { LatestValues } from '../../model/latest-values';
import { IMPLAUSIBLE_TIME, type QualityAssessor } from '../../model/quality/quality';
import type { Point, Registry } from '../../model/registry';
import type { Reading, ReadingValue } from '../protocols/json/decoder';
import type { DecodeSink, Protocol } from '../protocols/protocol';
import { CommitQueue } from './commit-queue';
import { DeadLetterQueue, type DeadLetterWriter } from './dead-letter-queue';
import { HandOff } from './hand-off';

export interface IngestOptions {
  batchMs: number;
  batchSize: number;
  /** Samples held at most while the database refuses them; past this, messages are dropped (`overflow`). */
  maxQueued: number;
  /** Payloads above this many bytes are refused before they are parsed. */
  maxPayloadBytes: number;
}

/** The services the ingest path writes into. */
export interface IngestDeps {
  registry: Registry;
  store: SampleStore;
  latest: LatestValues;
  quality: QualityAssessor;
  devices: DeviceHealth;
  deadLetters: DeadLetterWriter;
}

export interface IngestCounters {
  received: number;
  stored: number;
  duplicates: number;
  /** Messages not taken: the queue was full, or the database would not register a new point. */
  dropped: number;
  deadLettered: Partial<Record<DeadLetterReason, number>>;
  commitFailures: number;
}

/** Why one reading of a message was not stored. */
export interface Refusal {
  reason: DeadLetterReason;
  message: string;
}

/** The last millisecond a JavaScript Date can hold: a later timestamp is no time at all. */
const MAX_TIME_MS = 8_640_000_000_000_000;
/** Dead letters: at most this many wait in memory, written at most every DEAD_LETTER_WRITE_MS. */
const DEAD_LETTER_PENDING = 1000;
const DEAD_LETTER_WRITE_MS = 250;
const DEAD_LETTER_RETRY_MS = 5000;

/** Several refused readings of one message, told in one line. */
function summarise(items: readonly string[]): string {
  const shown = items.slice(0, 3).join('; ');
  return items.length > 3 ? `${shown}; and ${items.length - 3} more` : shown;
}

/** The message being decoded: what its refusals are reported against. */
interface Message {
  linkId: string;
  topic: string;
  payload: Buffer;
  at: number;
  values: number;
  refused: Refusal[] | null;
}

/**
 * The accept path: a message is decoded by its link's protocol into readings of points, each
 * validated, judged for quality, queued for commit (CommitQueue) and made the latest value. After
 * each commit the hand-off runs its stages (acknowledgements, alarms, automation). Runs in the core's
 * thread and never waits on a client; holds no protocol code.
 *
 * Back-pressure: while `queued` is at `maxQueued` (commits failing), new messages are dropped and
 * counted as `overflow`: a QoS 0 message is then lost (the sender accepted that), a QoS 1 message
 * stays unacknowledged and the broker delivers it again (see BrokerLink). Every buffer is bounded.
 */
export class Ingest implements DecodeSink {
  readonly counters: IngestCounters = { received: 0, stored: 0, duplicates: 0, dropped: 0, deadLettered: {}, commitFailures: 0 };
  readonly handOff = new HandOff();
  private readonly queue: CommitQueue;
  /** A new point or device could not be written; cleared by the next commit that goes through. */
  private registryError: string | null = null;
  private readonly deadLetters: DeadLetterQueue;
  private message: Message = { linkId: '', topic: '', payload: Buffer.alloc(0), at: 0, values: 0, refused: null };

  private readonly registry: Registry;
  private readonly latest: LatestValues;
  private readonly quality: QualityAssessor;
  private readonly devices: DeviceHealth;

  constructor(
    deps: IngestDeps,
    private readonly options: IngestOptions,
  ) {
    ({ registry: this.registry, latest: this.latest, quality: this.quality, devices: this.devices } = deps);
    this.queue = new CommitQueue(deps.store, this.handOff, options, this.counters, () => (this.registryError = null));
    this.deadLetters = new DeadLetterQueue(deps.deadLetters, {
      maxPending: DEAD_LETTER_PENDING,
      writeMs: DEAD_LETTER_WRITE_MS,
      retryMs: DEAD_LETTER_RETRY_MS,
    });
  }

  /**
   * One MQTT message from a broker link, read by that link's protocol. Never throws for bad input: it is
   * counted and dead-lettered. Returns false only when the message was not taken because the database
   * is refusing writes: the queue is full, or a new point of the message could not be registered.
   */
  accept(linkId: string, protocol: Protocol, topic: string, payload: Buffer): boolean {
    this.counters.received++;
    if (this.queued >= this.options.maxQueued) {
      // Counted, not kept as a dead letter: the queue fills only while the database refuses writes.
      this.counters.dropped++;
      this.counters.deadLettered.overflow = (this.counters.deadLettered.overflow ?? 0) + 1;
      return false;
    }
    const now = Date.now();
    if (payload.length > this.options.maxPayloadBytes) {
      this.deadLetter('oversized', `${payload.length} bytes, over the limit of ${this.options.maxPayloadBytes}`, linkId, topic, payload, now);
      return true;
    }
    const m = this.message;
    m.linkId = linkId;
    m.topic = topic;
    m.payload = payload;
    m.at = now;
    m.values = 0;
    m.refused = null;
    try {
      protocol.decode(topic, payload, now, this);
    } catch (err) {
      if (!isWriteError(err)) throw err;
      // Not bad input: the database would not register a new point or device (a full disk...). Like a full
      // queue, the message is not taken: lost at QoS 0, delivered again at QoS 1 (see BrokerLink).
      this.counters.dropped++;
      if (this.registryError === null) console.error(`arxos: cannot register new points or devices: ${describeWriteError(err)}`);
      this.registryError = `cannot register new points or devices: ${describeWriteError(err)}`;
      return false;
    }
    if (m.refused !== null) this.refuseReadings(m.refused, m.values, linkId, topic, payload, now);
    return true;
  }

  /** DecodeSink: one reading of the message being accepted. */
  reading(point: Point, reading: Reading, typed: boolean): void {
    const m = this.message;
    m.values++;
    const refusal = typed ? this.take(point, reading.value, reading.ts ?? m.at, m.at, this.latest.get(point.id)) : this.record(point, reading, m.at);
    if (refusal !== null) (m.refused ??= []).push(refusal);
  }

  status(deviceId: number, online: boolean, reason: string): void {
    this.devices.setOnline(deviceId, online, reason, this.message.at);
  }

  skip(reason: DeadLetterReason, message: string): void {
    const m = this.message;
    m.values++;
    (m.refused ??= []).push({ reason, message });
  }

  refuse(reason: DeadLetterReason, message: string): void {
    const m = this.message;
    this.deadLetter(reason, message, m.linkId, m.topic, m.payload, m.at);
  }

  /** Stores one reading of a point whose type its first value tells. Returns why it was refused, or null. */
  record(point: Point, reading: Reading, receivedAt: number): Refusal | null {
    const prev = this.latest.get(point.id);
    if (prev === undefined) point = this.adoptFirstValue(point, reading);
    return this.take(point, reading.value, reading.ts ?? receivedAt, receivedAt, prev);
  }

  /** The sample of a point whose type is settled: validated, judged, queued for commit and made the latest value. */
  private take(point: Point, raw: ReadingValue, ts: number, receivedAt: number, prev: LatestValue | undefined): Refusal | null {
    let value = raw;
    if (point.valueType === 'number' && typeof value === 'string') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) return { reason: 'bad-value', message: `"${value.slice(0, 40)}" for numeric point ${point.key}` };
      value = n;
    }
    if (!(ts >= 0 && ts <= MAX_TIME_MS)) return { reason: 'bad-timestamp', message: `timestamp ${ts} of ${point.key} is no date` };
    const quality = this.quality.assess(point, ts, value, receivedAt, prev);
    // Text has no history to keep it in, and an implausible time keeps it from the latest value.
    if (typeof value === 'string' && (quality & IMPLAUSIBLE_TIME) !== 0) {
      return { reason: 'bad-timestamp', message: `text of ${point.key} stamped ${new Date(ts).toISOString()}, too far from now to keep` };
    }
    this.devices.seen(point.deviceId, receivedAt, quality, point.id, value);
    if (typeof value !== 'string') this.queue.push(point.id, ts, typeof value === 'boolean' ? (value ? 1 : 0) : value, quality);
    // A sample with an implausible time is stored for the record but never becomes the latest value.
    if ((quality & IMPLAUSIBLE_TIME) === 0) {
      this.latest.update(point.id, ts, value, quality);
    }
    return null;
  }

  /** A point's first value tells its type and, when the payload says, its unit. */
  private adoptFirstValue(point: Point, reading: Reading): Point {
    const v = reading.value;
    const type = typeof v === 'boolean' ? 'boolean' : typeof v === 'string' && !Number.isFinite(Number(v)) ? 'string' : 'number';
    const unit = point.unit ?? reading.unit ?? null;
    if (type === point.valueType && unit === point.unit) return point;
    return this.registry.register({ key: point.key, deviceKey: point.deviceKey, valueType: type, unit });
  }

  /** One dead letter per reason among the refused readings of a message. */
  private refuseReadings(refused: readonly Refusal[], total: number, linkId: string, topic: string, payload: Buffer, at: number): void {
    const byReason = new Map<DeadLetterReason, string[]>();
    for (const r of refused) {
      const list = byReason.get(r.reason);
      if (list === undefined) byReason.set(r.reason, [r.message]);
      else list.push(r.message);
    }
    for (const [reason, messages] of byReason) {
      const what = total > 1 ? `${messages.length} of ${total} values refused: ` : '';
      this.deadLetter(reason, `${what}${summarise(messages)}`, linkId, topic, payload, at);
    }
  }

  private deadLetter(reason: DeadLetterReason, message: string, linkId: string, topic: string, payload: Buffer, at: number): void {
    this.counters.deadLettered[reason] = (this.counters.deadLettered[reason] ?? 0) + 1;
    this.deadLetters.add(reason, linkId, topic, message, payload, at);
  }

  /** Refused messages counted but not kept in the dead-letter table (its writer's bound was full). */
  get deadLettersUnrecorded(): number {
    return this.deadLetters.unrecorded;
  }

  /** Commits every queued batch now (see CommitQueue.flush). */
  flush(): void {
    this.queue.flush();
  }

  /** Stops the timers and writes what is pending; call before the database closes. */
  close(): void {
    this.queue.close();
    this.deadLetters.close();
  }

  /** Samples waiting for their commit, the held ones of failed commits included. */
  get queued(): number {
    return this.queue.queued;
  }

  /** Why the database is not taking what the ingest writes, in plain words; null when it is. */
  get lastError(): string | null {
    return this.queue.error ?? this.registryError ?? this.deadLetters.lastError;
  }
}
