import type { DeadLetterReason } from '../../../shared/contract/schemas/ingest';
import type { LatestValue } from '../../../shared/contract/schemas/points';
import type { JsonMapping, SparkplugSettings } from '../../../shared/contract/schemas/brokers';
import { SampleBatch, type AppendResult, type SampleStore } from '../../db/samples';
import { describeWriteError, isWriteError } from '../../db/write-errors';
import { DecodeError, type KeyedReading, type Reading, type ReadingValue } from '../protocols/json/decoder';
import { SPARKPLUG_NAMESPACE } from '../protocols/sparkplug/codec';
import { DeadLetterQueue, type DeadLetterWriter } from './dead-letter-queue';
import { compileLinkMappings, type JsonRoute, type LinkMappings } from '../protocols/json/mapping';
import type { LatestValues } from '../../model/latest-values';
import type { DeviceHealth } from '../../model/devices/device-health';
import { IMPLAUSIBLE_TIME, type QualityAssessor } from '../../model/quality/quality';
import type { Point, Registry } from '../../model/registry';
import { SparkplugSession, type SparkplugReading } from '../protocols/sparkplug/session';
import { errorText } from '../../../shared/errors';

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

/** What the ingest may publish on a broker link: Sparkplug B rebirth requests. */
export interface LinkPublisher {
  /** False when the link is not up; the request is then simply not sent (the next gap asks again). */
  publish(topic: string, payload: Buffer): boolean;
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

/** Remembered topics per link; cleared when it grows past this, so a flood of new topics cannot eat memory. */
const ROUTE_CACHE_LIMIT = 200_000;
/** The last millisecond a JavaScript Date can hold: a later timestamp is no time at all. */
const MAX_TIME_MS = 8_640_000_000_000_000;
/** After a failed commit the next try waits this long, doubling up to RETRY_MAX_MS. */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
/** Dead letters: at most this many wait in memory, written at most every DEAD_LETTER_WRITE_MS. */
const DEAD_LETTER_PENDING = 1000;
const DEAD_LETTER_WRITE_MS = 250;
const DEAD_LETTER_RETRY_MS = 5000;
const SPARKPLUG_PREFIX = `${SPARKPLUG_NAMESPACE}/`;

interface SparkplugLink {
  session: SparkplugSession;
  link: LinkPublisher;
}

/** Several refused readings of one message, told in one line. */
function summarise(items: readonly string[]): string {
  const shown = items.slice(0, 3).join('; ');
  return items.length > 3 ? `${shown}; and ${items.length - 3} more` : shown;
}

/**
 * The ingest path: decode → validate → quality → batched store → latest values.
 * Runs in the core's thread and never waits on a client.
 *
 * Back-pressure: samples wait in batches until committed. A commit that fails (disk full,
 * database locked) keeps its batch and is retried with a growing delay; its samples stay
 * counted in `queued`, and onCommit listeners (the QoS 1 acknowledgements among them) hear
 * nothing until they are really stored. While `queued` is at `maxQueued`, new messages are
 * dropped and counted as `overflow`: a QoS 0 message is then lost (the sender accepted that),
 * a QoS 1 message stays unacknowledged and the broker delivers it again (see BrokerLink).
 * Every buffer is bounded, so a flood cannot grow memory.
 */
export class Ingest {
  readonly counters: IngestCounters = { received: 0, stored: 0, duplicates: 0, dropped: 0, deadLettered: {}, commitFailures: 0 };
  /** Filling up; committed when it reaches batchSize or after batchMs. */
  private batch = new SampleBatch();
  /** Full batches whose commit failed or waits for the retry, oldest first. */
  private readonly held: SampleBatch[] = [];
  private heldSamples = 0;
  private timer: NodeJS.Timeout | null = null;
  /** The last commit failed: only the retry timer (or an explicit flush) tries again. */
  private failing = false;
  private retryMs = RETRY_MIN_MS;
  private storeError: string | null = null;
  /** A new point or device could not be written; cleared by the next commit that goes through. */
  private registryError: string | null = null;
  private readonly mappings = new Map<string, LinkMappings>();
  private readonly routes = new Map<string, Map<string, JsonRoute | null>>();
  private readonly sparkplug = new Map<string, SparkplugLink>();
  private readonly committed: ((batch: SampleBatch) => void)[] = [];
  private readonly deadLetters: DeadLetterQueue;

  private readonly registry: Registry;
  private readonly store: SampleStore;
  private readonly latest: LatestValues;
  private readonly quality: QualityAssessor;
  private readonly devices: DeviceHealth;

  constructor(
    deps: IngestDeps,
    private readonly options: IngestOptions,
  ) {
    ({ registry: this.registry, store: this.store, latest: this.latest, quality: this.quality, devices: this.devices } = deps);
    this.deadLetters = new DeadLetterQueue(deps.deadLetters, {
      maxPending: DEAD_LETTER_PENDING,
      writeMs: DEAD_LETTER_WRITE_MS,
      retryMs: DEAD_LETTER_RETRY_MS,
    });
  }

  /** The JSON mappings of one broker link; their topic filters are what the link subscribes to. */
  setMappings(linkId: string, mappings: JsonMapping[]): string[] {
    const compiled = compileLinkMappings(linkId, mappings, this.registry);
    this.mappings.set(linkId, compiled);
    this.routes.delete(linkId);
    return compiled.filters;
  }

  /**
   * Sparkplug B on one broker link (none when `settings` is undefined): a fresh host session, whose
   * rebirth requests go out on `link`. Returns the topic filters it adds to the link's subscription.
   */
  setSparkplug(linkId: string, settings: SparkplugSettings | undefined, link: LinkPublisher): string[] {
    if (settings === undefined) {
      this.sparkplug.delete(linkId);
      return [];
    }
    this.sparkplug.set(linkId, { session: new SparkplugSession(), link });
    return settings.groups === undefined ? [`${SPARKPLUG_PREFIX}#`] : settings.groups.map((g) => `${SPARKPLUG_PREFIX}${g}/#`);
  }

  /**
   * One MQTT message from a broker link. Never throws for bad input: it is counted and dead-lettered.
   * Returns false only when the message was not taken because the database is refusing writes:
   * the queue is full, or a new point of the message could not be registered.
   */
  accept(linkId: string, topic: string, payload: Buffer): boolean {
    this.counters.received++;
    if (this.queued >= this.options.maxQueued) {
      // Counted, not kept as a dead letter: the queue fills only while the database refuses writes.
      this.counters.dropped++;
      this.counters.deadLettered.overflow = (this.counters.deadLettered.overflow ?? 0) + 1;
      return false;
    }
    if (payload.length > this.options.maxPayloadBytes) {
      this.refuse('oversized', `${payload.length} bytes, over the limit of ${this.options.maxPayloadBytes}`, linkId, topic, payload);
      return true;
    }
    try {
      const sparkplug = this.sparkplug.get(linkId);
      if (sparkplug !== undefined && topic.startsWith(SPARKPLUG_PREFIX)) this.acceptSparkplug(sparkplug, linkId, topic, payload);
      else this.acceptJson(linkId, topic, payload);
      return true;
    } catch (err) {
      if (!isWriteError(err)) throw err;
      // Not bad input: the database would not register a new point or device (a full disk...). Like a full
      // queue, the message is not taken: lost at QoS 0, delivered again at QoS 1 (see BrokerLink).
      this.counters.dropped++;
      if (this.registryError === null) console.error(`arxos: cannot register new points or devices: ${describeWriteError(err)}`);
      this.registryError = `cannot register new points or devices: ${describeWriteError(err)}`;
      return false;
    }
  }

  private acceptJson(linkId: string, topic: string, payload: Buffer): void {
    const route = this.route(linkId, topic);
    if (route === null) {
      this.refuse('unknown-topic', 'no mapping of this link matches the topic', linkId, topic, payload);
      return;
    }
    let readings: KeyedReading[];
    try {
      readings = route.decode(payload);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      this.refuse(err.reason, err.message, linkId, topic, payload);
      return;
    }
    const now = Date.now();
    let refused: Refusal[] | null = null;
    for (const r of readings) {
      const refusal = this.record(route.pointOf(r), r, now);
      if (refusal !== null) (refused ??= []).push(refusal);
    }
    if (refused !== null) this.refuseReadings(refused, readings.length, linkId, topic, payload, now);
  }

  /** Stores one reading of a known point; the common step for every codec. Returns why it was refused, or null. */
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
    if (typeof value !== 'string') {
      this.batch.push(point.id, ts, typeof value === 'boolean' ? (value ? 1 : 0) : value, quality);
      if (this.batch.size >= this.options.batchSize) this.batchFull();
      else if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.options.batchMs);
    }
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

  /** Births and deaths set devices on- and offline; readings are stored; skipped metrics are dead letters. */
  private acceptSparkplug(sp: SparkplugLink, linkId: string, topic: string, payload: Buffer): void {
    const now = Date.now();
    const result = sp.session.accept(topic, payload, now);
    if (result.error !== undefined) this.refuse(result.error.reason, result.error.message, linkId, topic, payload, now);
    for (const s of result.status) {
      this.devices.setOnline(this.registry.ensureDevice(s.deviceKey, undefined, linkId).id, s.online, s.reason, now);
    }
    let refused: Refusal[] | null = null;
    for (const r of result.readings) {
      const point = this.sparkplugPoint(linkId, r);
      const refusal = this.take(point, r.value, r.ts, now, this.latest.get(point.id));
      if (refusal !== null) (refused ??= []).push(refusal);
    }
    for (const s of result.skipped) (refused ??= []).push({ reason: s.reason, message: `${s.deviceKey} ${s.metric}: ${s.message}` });
    if (refused !== null) this.refuseReadings(refused, result.readings.length + result.skipped.length, linkId, topic, payload, now);
    if (result.rebirth !== undefined) sp.link.publish(result.rebirth.topic, result.rebirth.payload);
  }

  /** The point of a Sparkplug metric, `<group>/<node>[/<device>]/<metric>`; its birth says its type and unit. */
  private sparkplugPoint(linkId: string, r: SparkplugReading): Point {
    const key = `${r.deviceKey}/${r.pointName}`;
    const found = this.registry.point(key);
    if (found === undefined) {
      return this.registry.ensurePoint({ key, deviceKey: r.deviceKey, name: r.pointName, linkId, valueType: r.valueType, unit: r.unit ?? null });
    }
    if (found.valueType === r.valueType && (r.unit === undefined || r.unit === found.unit)) return found;
    return this.registry.register({ key, deviceKey: r.deviceKey, valueType: r.valueType, ...(r.unit !== undefined ? { unit: r.unit } : {}) });
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
      this.refuse(reason, `${what}${summarise(messages)}`, linkId, topic, payload, at);
    }
  }

  private refuse(reason: DeadLetterReason, message: string, linkId: string, topic: string, payload: Buffer, at = Date.now()): void {
    this.counters.deadLettered[reason] = (this.counters.deadLettered[reason] ?? 0) + 1;
    this.deadLetters.add(reason, linkId, topic, message, payload, at);
  }

  /** Refused messages counted but not kept in the dead-letter table (its writer's bound was full). */
  get deadLettersUnrecorded(): number {
    return this.deadLetters.unrecorded;
  }

  /**
   * Called after each committed batch: the hand-off to alarms and automation, and the point
   * where a broker link may acknowledge what it delivered. Never called for a batch whose commit
   * failed: it is still queued and comes later, once stored. Listeners must not modify the batch.
   * Bad samples are in it too (stored for the record): a listener that acts on values (alarms,
   * automation, finance) reads them through usableSamples() or checks isUsable(quality) itself.
   */
  onCommit(listener: (batch: SampleBatch) => void): void {
    this.committed.push(listener);
  }

  /** Commits every queued batch, oldest first, one transaction each; stops at the first that fails and keeps it. */
  flush(): void {
    this.cancelTimer();
    if (this.batch.size > 0) this.hold();
    while (this.held.length > 0) {
      const batch = this.held[0]!;
      let result: AppendResult;
      try {
        result = this.store.append(batch);
      } catch (err) {
        this.commitFailed(err);
        return;
      }
      this.held.shift();
      this.heldSamples -= batch.size;
      this.counters.stored += result.stored;
      this.counters.duplicates += result.duplicates;
      this.registryError = null;
      this.notify(batch);
    }
    if (this.failing) {
      console.error(`arxos: the database takes samples again (it refused them: ${this.storeError ?? 'unknown error'})`);
      this.failing = false;
      this.storeError = null;
      this.retryMs = RETRY_MIN_MS;
    }
  }

  /** Stops the timers and writes what is pending; call before the database closes. */
  close(): void {
    this.flush();
    this.cancelTimer();
    if (!this.failing) {
      try {
        this.store.flushRollups();
      } catch (err) {
        // The raw samples are committed; the rollups are recomputed from them at the next start.
        console.error(`arxos: writing the last rollups failed: ${describeWriteError(err)}`);
      }
    }
    if (this.queued > 0) console.error(`arxos: ${this.queued} samples could not be written before closing: ${this.storeError ?? 'unknown error'}`);
    this.deadLetters.close();
  }

  /** Samples waiting for their commit, the held ones of failed commits included. */
  get queued(): number {
    return this.heldSamples + this.batch.size;
  }

  /** Why the database is not taking what the ingest writes, in plain words; null when it is. */
  get lastError(): string | null {
    return this.storeError ?? this.registryError ?? this.deadLetters.lastError;
  }

  /** The batch reached batchSize: commit now, or while commits fail set it aside for the retry. */
  private batchFull(): void {
    if (this.failing) this.hold();
    else this.flush();
  }

  private hold(): void {
    this.held.push(this.batch);
    this.heldSamples += this.batch.size;
    this.batch = new SampleBatch();
  }

  private commitFailed(err: unknown): void {
    this.counters.commitFailures++;
    const error = `cannot write samples: ${describeWriteError(err)}`;
    if (!this.failing || error !== this.storeError) console.error(`arxos: ${error}; ${this.queued} samples are held and retried`);
    this.storeError = error;
    this.failing = true;
    this.timer = setTimeout(() => this.flush(), this.retryMs);
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }

  private notify(batch: SampleBatch): void {
    for (const listener of this.committed) {
      try {
        listener(batch);
      } catch (err) {
        // A listener's fault must not undo the commit or stop the others (the acknowledgements among them).
        console.error(`arxos: a listener of committed samples failed: ${errorText(err)}`);
      }
    }
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private route(linkId: string, topic: string): JsonRoute | null {
    let cache = this.routes.get(linkId);
    if (cache === undefined) {
      cache = new Map();
      this.routes.set(linkId, cache);
    }
    const hit = cache.get(topic);
    if (hit !== undefined) return hit;
    const resolved = this.resolve(linkId, topic);
    if (cache.size >= ROUTE_CACHE_LIMIT) cache.clear();
    cache.set(topic, resolved);
    return resolved;
  }

  private resolve(linkId: string, topic: string): JsonRoute | null {
    return this.mappings.get(linkId)?.route(topic) ?? null;
  }
}
