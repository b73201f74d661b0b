import type { QualityLimits, QualitySummary } from '../../../shared/contract/schemas/devices';
import type { LatestValue } from '../../../shared/contract/schemas/points';
import { isUsable, qualityReasons } from '../../../shared/quality';
import type { SampleBatch } from '../../db/samples';
import type { ReadingValue } from '../../iot/protocols/json/decoder';
import type { LatestValues } from '../latest-values';
import { tableLimits, toRules, type Rules } from './quality-limits';
import { QualityWindow } from './quality-window';
import type { Point } from '../registry';
import { learnInterval } from './learned-interval';

/** A timestamp more than this far ahead of the receiving clock is refused as "in the future". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** A timestamp older than this is "far in the past": a device clock that was never set. */
const PAST_LIMIT_MS = 365 * 24 * 3_600_000;
/** Rates are taken over at least this long, so two readings a millisecond apart are not a spike. */
const MIN_RATE_S = 1;
/** A value is stale after this many expected intervals without an update: one lost message is tolerated. */
export const STALE_INTERVALS = 2.5;

const { outOfRange, spike, flatline, stale, duplicate, deviceOffline } = qualityReasons;

/** Samples with these bits are stored for the record but never become a point's latest value. */
export const IMPLAUSIBLE_TIME = qualityReasons.futureTimestamp.bit | qualityReasons.oldTimestamp.bit;
/** A sample with any of these does not become the reference that the next sample's rate is judged against. */
const NOT_A_REFERENCE = outOfRange.bit | spike.bit | IMPLAUSIBLE_TIME;

/** Quality of one sample judged on its own: is its time plausible? */
export function timestampQuality(ts: number, now: number): number {
  if (ts > now + FUTURE_TOLERANCE_MS) return qualityReasons.futureTimestamp.bit;
  if (ts < now - PAST_LIMIT_MS) return qualityReasons.oldTimestamp.bit;
  return 0;
}

/** Where the assessor learns a point's limits and its device's publish interval (profiles, overrides). */
export interface QualityPolicy {
  /** Changes whenever a profile assignment or a point's limits change, so cached rules are rebuilt. */
  readonly version: number;
  limits(point: Point): QualityLimits;
  /** The device's expected publish interval; NaN when it has none. */
  expectedIntervalMs(deviceId: number): number;
}

/** Without profiles: the built-in table, and intervals learned from traffic. */
export const tablePolicy: QualityPolicy = { version: 0, limits: tableLimits, expectedIntervalMs: () => NaN };

interface CachedRules {
  rules: Rules;
  version: number;
  /** What the rules were built from; a point's unit, tags or kind may change after its first message. */
  unit: string | null;
  tags: string[];
  kind: Point['kind'];
  valueType: Point['valueType'];
}

/**
 * Gives each sample its quality code (src/shared/quality.ts) as it arrives: plausible time, duplicate,
 * physical range, counters that go back, spikes and flatlines. Per-point state lives in typed arrays
 * indexed by point id, so a sample costs a few comparisons and no allocation. Staleness is not a property
 * of a sample: `sweepStale` marks latest values that stopped updating, on a timer.
 */
export class QualityAssessor {
  /** Samples by quality over the last hour, per point. */
  private readonly window = new QualityWindow();
  private rules: (CachedRules | undefined)[] = [];
  /** The last sample that was neither out of range nor a spike: the reference for rates. */
  private refValue = new Float64Array(0);
  private refTs = new Float64Array(0);
  /** The value the point has held since `flatSince` (sample time). */
  private flatValue = new Float64Array(0);
  private flatSince = new Float64Array(0);
  /** Receipt time of the last sample, and the publish interval learned from the gaps between them. */
  private lastReceived = new Float64Array(0);
  private learnedMs = new Float64Array(0);

  constructor(private readonly policy: QualityPolicy = tablePolicy) {}

  assess(point: Point, ts: number, value: ReadingValue, receivedAt: number, prev: LatestValue | undefined): number {
    let quality = timestampQuality(ts, receivedAt);
    if (prev !== undefined && prev.ts === ts) quality |= duplicate.bit;
    const id = point.id;
    if (id >= this.lastReceived.length) this.grow(id);
    this.noteArrival(id, receivedAt);
    if (typeof value === 'number' && (quality & IMPLAUSIBLE_TIME) === 0) quality |= this.checkValue(point, id, ts, value, prev);
    this.window.record(id, quality, receivedAt);
    return quality;
  }

  private checkValue(point: Point, id: number, ts: number, value: number, prev: LatestValue | undefined): number {
    const r = this.rulesOf(point);
    let q = 0;
    if (value < r.min || value > r.max) q |= outOfRange.bit;
    const inOrder = prev === undefined || ts > prev.ts;
    // Compared with the previous value, not the highest: after a meter is replaced only the reset itself is flagged.
    if (r.neverDecreases && inOrder && prev !== undefined && typeof prev.value === 'number' && value < prev.value) q |= outOfRange.bit;
    const refTs = this.refTs[id]!;
    if (r.maxRatePerS !== Infinity && refTs > 0 && ts > refTs) {
      const seconds = Math.max((ts - refTs) / 1000, MIN_RATE_S);
      if (Math.abs(value - this.refValue[id]!) / seconds > r.maxRatePerS) q |= spike.bit;
    }
    if (r.flatlineMs !== Infinity && inOrder) {
      if (this.flatSince[id]! > 0 && value === this.flatValue[id]) {
        if (ts - this.flatSince[id]! > r.flatlineMs) q |= flatline.bit;
      } else {
        this.flatValue[id] = value;
        this.flatSince[id] = ts;
      }
    }
    if ((q & NOT_A_REFERENCE) === 0 && ts > refTs) {
      this.refValue[id] = value;
      this.refTs[id] = ts;
    }
    return q;
  }

  private noteArrival(id: number, receivedAt: number): void {
    const last = this.lastReceived[id]!;
    this.lastReceived[id] = receivedAt;
    if (last !== 0) this.learnedMs[id] = learnInterval(this.learnedMs[id]!, receivedAt - last);
  }

  /** The rules in force for a point, rebuilt when its profile, limits, unit, tags or kind changed. */
  rulesOf(point: Point): Rules {
    const cached = this.rules[point.id];
    if (
      cached !== undefined &&
      cached.version === this.policy.version &&
      cached.unit === point.unit &&
      cached.tags === point.tags &&
      cached.kind === point.kind &&
      cached.valueType === point.valueType
    ) {
      return cached.rules;
    }
    const rules = toRules(this.policy.limits(point), point);
    this.rules[point.id] = { rules, version: this.policy.version, unit: point.unit, tags: point.tags, kind: point.kind, valueType: point.valueType };
    return rules;
  }

  /**
   * How long the point may go without an update: its own limit, else a few of its device's expected
   * intervals, else (for sensors) a few of the intervals it has shown. Infinity when nothing says.
   */
  staleAfterMs(point: Point): number {
    const own = this.rulesOf(point).staleMs;
    if (!Number.isNaN(own)) return own;
    const device = this.policy.expectedIntervalMs(point.deviceId);
    if (!Number.isNaN(device)) return device * STALE_INTERVALS;
    const learned = point.id < this.learnedMs.length ? this.learnedMs[point.id]! : 0;
    return learned > 0 && point.kind === 'sensor' ? learned * STALE_INTERVALS : Infinity;
  }

  /**
   * Marks the latest value of points that stopped updating as stale, and of devices that reported
   * themselves offline as such. The value and its time stay; its quality changes, which goes out
   * in the next `points.changed`. No sample is written. A fresh sample clears both.
   */
  sweepStale(now: number, points: Iterable<Point>, latest: LatestValues, reportedOffline: (deviceId: number) => boolean): number {
    let marked = 0;
    for (const p of points) {
      const v = latest.get(p.id);
      if (v === undefined) continue;
      let add = 0;
      const after = this.staleAfterMs(p);
      if (after !== Infinity) {
        // After a restart, until the point speaks again, its stored time is all there is.
        const last = p.id < this.lastReceived.length && this.lastReceived[p.id]! > 0 ? this.lastReceived[p.id]! : v.ts;
        if (now - last > after) add |= stale.bit;
      }
      if (reportedOffline(p.deviceId)) add |= deviceOffline.bit;
      if ((v.quality & add) !== add) {
        latest.update(p.id, v.ts, v.value, v.quality | add);
        marked++;
      }
    }
    return marked;
  }

  summary(pointId: number, now: number): QualitySummary {
    return this.window.summary(pointId, now);
  }

  private grow(id: number): void {
    const size = Math.max(64, (id + 1) * 2);
    const resize = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.refValue = resize(this.refValue);
    this.refTs = resize(this.refTs);
    this.flatValue = resize(this.flatValue);
    this.flatSince = resize(this.flatSince);
    this.lastReceived = resize(this.lastReceived);
    this.learnedMs = resize(this.learnedMs);
  }
}

/** One sample of a committed batch. */
export interface CommittedSample {
  pointId: number;
  ts: number;
  value: number;
  quality: number;
}

/**
 * The samples of a committed batch that may feed alarms, automation and finance: bad quality
 * (outside the physical range, implausible time) is stored for the record but never acted on.
 * Every `Ingest.onCommit` consumer that acts on values reads the batch through this, or checks
 * `isUsable(quality)` itself.
 */
export function* usableSamples(batch: SampleBatch): Generator<CommittedSample> {
  const { pointIds, ts, values, quality } = batch;
  for (let i = 0; i < pointIds.length; i++) {
    if (isUsable(quality[i]!)) yield { pointId: pointIds[i]!, ts: ts[i]!, value: values[i]!, quality: quality[i]! };
  }
}
