import type { LatestValue } from '../../shared/contract/schemas/points';
import { qualityReasons } from '../../shared/quality';
import type { ReadingValue } from './codecs/json';
import type { Point } from './registry';

/** A timestamp more than this far ahead of the receiving clock is refused as "in the future". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** A timestamp older than this is "far in the past": a device clock that was never set. */
const PAST_LIMIT_MS = 365 * 24 * 3_600_000;

/** Samples with these bits are stored for the record but never become a point's latest value. */
export const IMPLAUSIBLE_TIME = qualityReasons.futureTimestamp.bit | qualityReasons.oldTimestamp.bit;

/** Quality of one sample judged on its own: is its time plausible? */
export function timestampQuality(ts: number, now: number): number {
  if (ts > now + FUTURE_TOLERANCE_MS) return qualityReasons.futureTimestamp.bit;
  if (ts < now - PAST_LIMIT_MS) return qualityReasons.oldTimestamp.bit;
  return 0;
}

/**
 * Gives each sample its quality code (src/shared/quality.ts) as it arrives, from the sample
 * itself and the point's previous value.
 */
export class QualityAssessor {
  assess(_point: Point, ts: number, _value: ReadingValue, receivedAt: number, prev: LatestValue | undefined): number {
    let quality = timestampQuality(ts, receivedAt);
    if (prev !== undefined && prev.ts === ts) quality |= qualityReasons.duplicate.bit;
    return quality;
  }
}
