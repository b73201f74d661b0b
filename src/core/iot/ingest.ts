import type { DeadLetterReason } from '../../shared/contract/schemas/ingest';
import type { JsonMapping } from '../../shared/contract/schemas/brokers';
import { SampleBatch, type SampleStore } from '../db/samples';
import { DecodeError, decodeJson, type Reading } from './codecs/json';
import type { LatestValues } from './latest-values';
import type { DeviceHealth } from './device-health';
import { IMPLAUSIBLE_TIME, type QualityAssessor } from './quality';
import type { Point, Registry } from './registry';
import { compileTopicTemplate, fillTemplate, type TopicTemplate } from './topic-template';

export interface IngestOptions {
  batchMs: number;
  batchSize: number;
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
}

export interface IngestCounters {
  received: number;
  stored: number;
  duplicates: number;
  dropped: number;
  deadLettered: Partial<Record<DeadLetterReason, number>>;
}

interface CompiledMapping {
  mapping: JsonMapping;
  template: TopicTemplate;
}

/** Remembered topics per link; cleared when it grows past this, so a flood of new topics cannot eat memory. */
const ROUTE_CACHE_LIMIT = 200_000;

/**
 * The ingest path: decode → validate → quality → batched store → latest values.
 * Runs in the core's thread and never waits on a client.
 */
export class Ingest {
  readonly counters: IngestCounters = { received: 0, stored: 0, duplicates: 0, dropped: 0, deadLettered: {} };
  private batch = new SampleBatch();
  private timer: NodeJS.Timeout | null = null;
  private readonly mappings = new Map<string, CompiledMapping[]>();
  private readonly routes = new Map<string, Map<string, { point: Point; mapping: JsonMapping } | null>>();
  private readonly committed: ((batch: SampleBatch) => void)[] = [];

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
  }

  /** The JSON mappings of one broker link; their topic filters are what the link subscribes to. */
  setMappings(linkId: string, mappings: JsonMapping[]): string[] {
    const compiled = mappings.map((mapping) => ({ mapping, template: compileTopicTemplate(mapping.topic) }));
    this.mappings.set(linkId, compiled);
    this.routes.delete(linkId);
    return compiled.map((c) => c.template.filter);
  }

  /** One MQTT message from a broker link. Never throws: bad input is counted and dead-lettered. */
  accept(linkId: string, topic: string, payload: Buffer): void {
    this.counters.received++;
    if (payload.length > this.options.maxPayloadBytes) {
      this.deadLetter('oversized', `${payload.length} bytes on ${topic}`);
      return;
    }
    const route = this.route(linkId, topic);
    if (route === null) {
      this.deadLetter('unknown-topic', topic);
      return;
    }
    let readings: Reading[];
    try {
      readings = decodeJson(payload, route.mapping);
    } catch (err) {
      if (err instanceof DecodeError) this.deadLetter(err.reason, `${err.message} on ${topic}`);
      else throw err;
      return;
    }
    const now = Date.now();
    for (const r of readings) this.record(route.point, r, now);
  }

  /** Stores one reading of a known point; the common step for every codec. */
  record(point: Point, reading: Reading, receivedAt: number): void {
    let value = reading.value;
    const prev = this.latest.get(point.id);
    if (prev === undefined) point = this.adoptFirstValue(point, reading);
    if (point.valueType === 'number' && typeof value === 'string') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) {
        this.deadLetter('bad-value', `"${value.slice(0, 40)}" for numeric point ${point.key}`);
        return;
      }
      value = n;
    }
    const ts = reading.ts ?? receivedAt;
    const quality = this.quality.assess(point, ts, value, receivedAt, prev);
    this.devices.seen(point.deviceId, receivedAt, quality);
    if (typeof value !== 'string') {
      this.batch.push(point.id, ts, typeof value === 'boolean' ? (value ? 1 : 0) : value, quality);
      if (this.batch.size >= this.options.batchSize) this.flush();
      else if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.options.batchMs);
    }
    // A sample with an implausible time is stored for the record but never becomes the latest value.
    if ((quality & IMPLAUSIBLE_TIME) === 0) {
      this.latest.update(point.id, ts, value, quality);
    }
  }

  /** A point's first value tells its type and, when the payload says, its unit. */
  private adoptFirstValue(point: Point, reading: Reading): Point {
    const v = reading.value;
    const type = typeof v === 'boolean' ? 'boolean' : typeof v === 'string' && !Number.isFinite(Number(v)) ? 'string' : 'number';
    const unit = point.unit ?? reading.unit ?? null;
    if (type === point.valueType && unit === point.unit) return point;
    return this.registry.register({ key: point.key, deviceKey: point.deviceKey, valueType: type, unit });
  }

  deadLetter(reason: DeadLetterReason, _detail: string): void {
    this.counters.deadLettered[reason] = (this.counters.deadLettered[reason] ?? 0) + 1;
  }

  /**
   * Called after each committed batch: the hand-off to alarms and automation, and the point
   * where a broker link may acknowledge what it delivered. Listeners must not modify the batch.
   */
  onCommit(listener: (batch: SampleBatch) => void): void {
    this.committed.push(listener);
  }

  /** Commits the pending batch in one transaction. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.batch.size === 0) return;
    const batch = this.batch;
    this.batch = new SampleBatch();
    const result = this.store.append(batch);
    this.counters.stored += result.stored;
    this.counters.duplicates += result.duplicates;
    for (const listener of this.committed) listener(batch);
  }

  get queued(): number {
    return this.batch.size;
  }

  private route(linkId: string, topic: string): { point: Point; mapping: JsonMapping } | null {
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

  private resolve(linkId: string, topic: string): { point: Point; mapping: JsonMapping } | null {
    for (const { mapping, template } of this.mappings.get(linkId) ?? []) {
      const parts = template.match(topic);
      if (parts === null) continue;
      const deviceKey = fillTemplate(mapping.device, parts);
      const name = fillTemplate(mapping.point, parts);
      const point = this.registry.ensurePoint({
        key: `${deviceKey}/${name}`,
        deviceKey,
        name,
        linkId,
        spaceId: mapping.space ? fillTemplate(mapping.space, parts) : null,
      });
      return { point, mapping };
    }
    return null;
  }
}
