/**
 * Data-quality codes stored with every sample: a bit set of reasons. 0 is good.
 * A reason is either "bad" (the value must not feed alarms or finance) or
 * "uncertain" (usable, but shown as doubtful).
 */
export const qualityReasons = {
  outOfRange: { bit: 1 << 0, level: 'bad', text: 'outside the physical range of its kind' },
  spike: { bit: 1 << 1, level: 'uncertain', text: 'rate of change beyond the limit' },
  flatline: { bit: 1 << 2, level: 'uncertain', text: 'value stuck over the flatline window' },
  stale: { bit: 1 << 3, level: 'uncertain', text: 'no update within the expected interval' },
  futureTimestamp: { bit: 1 << 4, level: 'bad', text: 'timestamp in the future' },
  oldTimestamp: { bit: 1 << 5, level: 'bad', text: 'timestamp far in the past' },
  duplicate: { bit: 1 << 6, level: 'uncertain', text: 'duplicate of a stored sample' },
  deviceOffline: { bit: 1 << 7, level: 'uncertain', text: 'device reported offline' },
} as const;

export type QualityReason = keyof typeof qualityReasons;
export type QualityLevel = 'good' | 'uncertain' | 'bad';

export function qualityLevel(code: number): QualityLevel {
  if (code === 0) return 'good';
  let level: QualityLevel = 'uncertain';
  for (const r of Object.values(qualityReasons)) {
    if (code & r.bit && r.level === 'bad') level = 'bad';
  }
  return level;
}

export function qualityReasonsOf(code: number): QualityReason[] {
  const out: QualityReason[] = [];
  for (const [name, r] of Object.entries(qualityReasons) as [QualityReason, (typeof qualityReasons)[QualityReason]][]) {
    if (code & r.bit) out.push(name);
  }
  return out;
}

/** Bad samples never feed alarms, automation or finance. */
export function isUsable(code: number): boolean {
  return qualityLevel(code) !== 'bad';
}
