import { describe, expect, it } from 'vitest';
import { mergeById } from '../../src/renderer/lib/merge-by-id';
import { extendHistory } from '../../src/renderer/state/live-history';

const bucket = (ts: number, value: number, count = 1, quality = 0) => ({ ts, value, min: value, max: value, count, quality });

describe('live values extend stored history the way the core stores them', () => {
  it('raw history (bucket 0) gains a sample; an older or equal timestamp changes nothing', () => {
    const h = [bucket(1000, 1)];
    expect(extendHistory(h, 0, { ts: 2000, value: 3, quality: 0 }, 0)).toEqual([bucket(1000, 1), bucket(2000, 3)]);
    expect(extendHistory(h, 0, { ts: 1000, value: 3, quality: 0 }, 0)).toBe(h);
    expect(extendHistory(h, 0, { ts: 500, value: 3, quality: 0 }, 0)).toBe(h);
  });

  it('a value inside the last bucket merges into its mean, min, max, count and quality', () => {
    const out = extendHistory([bucket(60_000, 10, 2)], 60_000, { ts: 90_000, value: 16, quality: 4 }, 0);
    expect(out).toEqual([{ ts: 60_000, value: 12, min: 10, max: 16, count: 3, quality: 4 }]);
  });

  it('a value past the last bucket starts a bucket aligned to the buckets before it', () => {
    const out = extendHistory([bucket(60_000, 10)], 60_000, { ts: 200_000, value: 5, quality: 0 }, 0);
    expect(out.map((b) => b.ts)).toEqual([60_000, 180_000]);
  });

  it('booleans count as 0/1, text is not drawn, and buckets that slid out of the window are dropped', () => {
    expect(extendHistory([bucket(0, 0)], 0, { ts: 10, value: true, quality: 0 }, 0).at(-1)?.value).toBe(1);
    const h = [bucket(0, 0)];
    expect(extendHistory(h, 0, { ts: 10, value: 'on', quality: 0 }, 0)).toBe(h);
    const slid = extendHistory([bucket(0, 1), bucket(60_000, 2)], 60_000, { ts: 130_000, value: 3, quality: 0 }, 110_000);
    expect(slid.map((b) => b.ts)).toEqual([60_000, 120_000]);
  });
});

describe('lists kept current by change events', () => {
  const item = (id: number, key: string, v = 0) => ({ id, key, v });
  const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);

  it('a changed item replaces its entry in place', () => {
    expect(mergeById([item(1, 'b'), item(2, 'a')], [item(1, 'b', 7)], byKey)).toEqual([item(1, 'b', 7), item(2, 'a')]);
  });

  it('an added item joins in order when an order is given, at the end otherwise', () => {
    expect(mergeById([item(1, 'b')], [item(2, 'a')], byKey).map((i) => i.key)).toEqual(['a', 'b']);
    expect(mergeById([item(1, 'b')], [item(2, 'a')]).map((i) => i.key)).toEqual(['b', 'a']);
  });
});
