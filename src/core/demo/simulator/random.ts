/**
 * Deterministic randomness: the same seed gives the same building day after day, whatever
 * the step size, because values are hashed from (seed, what, when) rather than drawn in order.
 */

/** A 32-bit hash of integers (MurmurHash3's mixing); non-integers are truncated. */
export function hash(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    let k = Math.imul(v | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= values.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) hashed from the values. */
export function uniform(...values: number[]): number {
  return hash(...values) / 4294967296;
}

/** A 32-bit hash of a string (FNV-1a), to key hashes by names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A seeded generator of uniform numbers in [0, 1) (mulberry32), for sequences drawn in order. */
export function randomSequence(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal number from a uniform generator (Box-Muller). */
export function gaussian(next: () => number): number {
  const u = 1 - next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

/**
 * Smooth noise in [-1, 1]: hashed knots every `periodMs`, joined by cosine interpolation,
 * so weather drifts instead of jumping.
 */
export function smoothNoise(seed: number, channel: number, tMs: number, periodMs: number): number {
  const x = tMs / periodMs;
  const k = Math.floor(x);
  const a = uniform(seed, channel, k) * 2 - 1;
  const b = uniform(seed, channel, k + 1) * 2 - 1;
  const u = (1 - Math.cos(Math.PI * (x - k))) / 2;
  return a + (b - a) * u;
}
