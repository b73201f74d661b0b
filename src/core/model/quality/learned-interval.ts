/** Gaps shorter than this are bursts (several readings of one message), not publish intervals. */
const MIN_GAP_MS = 50;

/**
 * The publish interval learned from the gaps between arrivals: a moving average that one long
 * outage cannot blow up (a gap counts for at most four intervals). 0 means nothing learned yet.
 */
export function learnInterval(learnedMs: number, gapMs: number): number {
  if (gapMs < MIN_GAP_MS) return learnedMs;
  return learnedMs === 0 ? gapMs : learnedMs + (Math.min(gapMs, 4 * learnedMs) - learnedMs) * 0.2;
}
