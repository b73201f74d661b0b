import type { HistoryBucket } from '../components/history-geometry';

export interface LiveSample {
  ts: number;
  value: number | boolean | string;
  quality: number;
}

/**
 * Extends stored history with a live value, the way the core would have stored it: a new raw
 * sample, or merged into the bucket it falls in (buckets are whole multiples of `bucketMs` from the
 * first one). Text, and values not newer than the last sample, change nothing. Buckets older than
 * `from` are dropped, so a window that slides with the clock keeps its size.
 */
export function extendHistory(samples: readonly HistoryBucket[], bucketMs: number, live: LiveSample, from: number): readonly HistoryBucket[] {
  if (typeof live.value === 'string') return samples;
  const value = typeof live.value === 'boolean' ? Number(live.value) : live.value;
  const last = samples[samples.length - 1];
  let out: HistoryBucket[];
  if (last !== undefined && live.ts <= last.ts) return samples;
  if (bucketMs > 0 && last !== undefined && live.ts < last.ts + bucketMs) {
    const count = last.count + 1;
    const merged = {
      ts: last.ts,
      value: last.value + (value - last.value) / count,
      min: Math.min(last.min, value),
      max: Math.max(last.max, value),
      count,
      quality: last.quality | live.quality,
    };
    out = [...samples.slice(0, -1), merged];
  } else {
    const ts = bucketMs > 0 && last !== undefined ? last.ts + Math.floor((live.ts - last.ts) / bucketMs) * bucketMs : live.ts;
    out = [...samples, { ts, value, min: value, max: value, count: 1, quality: live.quality }];
  }
  let first = 0;
  while (first < out.length && out[first]!.ts + bucketMs < from) first++;
  return first === 0 ? out : out.slice(first);
}
