import { qualityReasons } from '../../shared/quality';

/** A timestamp more than this far ahead of the receiving clock is refused as "in the future". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** A timestamp older than this is "far in the past": a device clock that was never set. */
const PAST_LIMIT_MS = 365 * 24 * 3_600_000;

/** Quality of one sample judged on its own: is its time plausible? */
export function timestampQuality(ts: number, now: number): number {
  if (ts > now + FUTURE_TOLERANCE_MS) return qualityReasons.futureTimestamp.bit;
  if (ts < now - PAST_LIMIT_MS) return qualityReasons.oldTimestamp.bit;
  return 0;
}
