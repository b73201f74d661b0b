import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/core/db/database';
import { HistoryReader } from '../../src/core/db/history';
import { SampleBatch, SampleStore } from '../../src/core/db/samples';
import { Registry } from '../../src/core/model/registry';
import { tempDir } from '../helpers/temp-dir';

let dir: string;
let db: Db;
let pointId: number;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(path.join(dir, 'site.db'));
  pointId = new Registry(db).ensurePoint({ key: 'hq/f1/r101/sensor/temperature', deviceKey: 'hq/f1/r101/sensor' }).id;
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

function batchOf(samples: [number, number, number?][]): SampleBatch {
  const b = new SampleBatch();
  for (const [ts, v, q] of samples) b.push(pointId, ts, v, q ?? 0);
  return b;
}

describe('samples and rollups', () => {
  it('keeps 1-minute and 1-hour rollups exact across batches', () => {
    const store = new SampleStore(db);
    // 3 minutes of one sample every 10 s, in two batches split mid-minute.
    const samples: [number, number][] = [];
    for (let i = 0; i < 18; i++) samples.push([T0 + i * 10_000, i]);
    expect(store.append(batchOf(samples.slice(0, 8)))).toEqual({ stored: 8, duplicates: 0 });
    expect(store.append(batchOf(samples.slice(8)))).toEqual({ stored: 10, duplicates: 0 });
    const minutes = db.prepare('SELECT bucket, min, max, sum, count, last FROM rollup_1m ORDER BY bucket').all();
    expect(minutes).toEqual([
      { bucket: T0, min: 0, max: 5, sum: 15, count: 6, last: 5 },
      { bucket: T0 + 60_000, min: 6, max: 11, sum: 51, count: 6, last: 11 },
      { bucket: T0 + 120_000, min: 12, max: 17, sum: 87, count: 6, last: 17 },
    ]);
    const hour = db.prepare('SELECT bucket, min, max, sum, count, last FROM rollup_1h').all();
    expect(hour).toEqual([{ bucket: T0, min: 0, max: 17, sum: 153, count: 18, last: 17 }]);
  });

  it('ignores a duplicate (point, time) and keeps it out of the rollups', () => {
    const store = new SampleStore(db);
    store.append(batchOf([[T0, 1]]));
    expect(store.append(batchOf([[T0, 99], [T0 + 1000, 2]]))).toEqual({ stored: 1, duplicates: 1 });
    expect(db.prepare('SELECT value FROM samples ORDER BY ts').pluck().all()).toEqual([1, 2]);
    expect(db.prepare('SELECT max, count FROM rollup_1m').get()).toEqual({ max: 2, count: 2 });
  });

  it('a late sample does not replace the last value of its bucket', () => {
    const store = new SampleStore(db);
    store.append(batchOf([[T0 + 30_000, 5]]));
    store.append(batchOf([[T0 + 10_000, 7]]));
    expect(db.prepare('SELECT last, last_ts, max FROM rollup_1m').get()).toEqual({ last: 5, last_ts: T0 + 30_000, max: 7 });
  });

  it('ORs quality codes into the rollup', () => {
    const store = new SampleStore(db);
    store.append(batchOf([[T0, 1, 2], [T0 + 1, 1, 8]]));
    expect(db.prepare('SELECT quality FROM rollup_1m').pluck().get()).toBe(10);
  });
});

describe('history', () => {
  it('returns raw samples when they fit', () => {
    new SampleStore(db).append(batchOf([[T0, 1], [T0 + 10_000, 2], [T0 + 20_000, 3]]));
    const h = new HistoryReader(db).query(pointId, T0, T0 + 60_000, 10);
    expect(h.source).toBe('raw');
    expect(h.samples.map((s) => s.value)).toEqual([1, 2, 3]);
  });

  it('reads the 1-minute rollup for a day of 10-second samples, at most maxPoints buckets', () => {
    const samples: [number, number][] = [];
    for (let t = 0; t < 86_400_000; t += 10_000) samples.push([T0 + t, Math.sin(t / 3_600_000)]);
    new SampleStore(db).append(batchOf(samples));
    const h = new HistoryReader(db).query(pointId, T0, T0 + 86_400_000, 500);
    expect(h.source).toBe('1m');
    expect(h.samples.length).toBeLessThanOrEqual(500);
    expect(h.samples.reduce((n, s) => n + s.count, 0)).toBe(samples.length);
    const first = h.samples[0]!;
    expect(first.min).toBeLessThanOrEqual(first.value);
    expect(first.max).toBeGreaterThanOrEqual(first.value);
  });

  it('groups raw samples when the range is short but dense', () => {
    const samples: [number, number][] = [];
    for (let i = 0; i < 600; i++) samples.push([T0 + i * 100, i]);
    new SampleStore(db).append(batchOf(samples));
    const h = new HistoryReader(db).query(pointId, T0, T0 + 60_000, 60);
    expect(h.source).toBe('raw');
    expect(h.bucketMs).toBe(1000);
    expect(h.samples).toHaveLength(60);
    expect(h.samples[0]).toMatchObject({ ts: T0, min: 0, max: 9, count: 10, value: 4.5 });
  });
});

describe('history: which series answers', () => {
  const DAY = 86_400_000;
  /** Two days of one sample every 10 s, quality 4 on every 7th sample. */
  function twoDays(): [number, number, number][] {
    const samples: [number, number, number][] = [];
    for (let i = 0; i < 17_280; i++) samples.push([T0 + i * 10_000, Math.round(100 * Math.sin(i / 50)) / 10, i % 7 === 0 ? 4 : 0]);
    return samples;
  }

  it('an empty range gives an empty list, with or without data elsewhere', () => {
    const reader = new HistoryReader(db);
    expect(reader.query(pointId, T0, T0 + DAY, 1000).samples).toEqual([]);
    new SampleStore(db).append(batchOf([[T0, 1]]));
    expect(reader.query(pointId, T0 + DAY, T0 + 2 * DAY, 1000).samples).toEqual([]);
    expect(reader.query(pointId, T0 - DAY, T0, 1000).samples).toEqual([]);
  });

  it('picks raw for an hour, the 1-minute rollup for two days and the 1-hour rollup for two months', () => {
    new SampleStore(db).append(batchOf(twoDays()));
    const reader = new HistoryReader(db);
    const hour = reader.query(pointId, T0, T0 + 3_600_000, 1000);
    expect([hour.source, hour.bucketMs, hour.samples.length]).toEqual(['raw', 0, 360]);
    const days = reader.query(pointId, T0, T0 + 2 * DAY, 1000);
    // 172.8 s per bucket rounds up to whole minutes: 3 minutes, 960 buckets.
    expect([days.source, days.bucketMs, days.samples.length]).toEqual(['1m', 180_000, 960]);
    const months = reader.query(pointId, T0 - 30 * DAY, T0 + 30 * DAY, 1000);
    expect([months.source, months.bucketMs]).toEqual(['1h', 2 * 3_600_000]);
    expect(months.samples.length).toBe(24);
    for (const h of [days, months]) expect(h.samples.reduce((n, b) => n + b.count, 0)).toBe(17_280);
  });

  it('buckets read by one range per bucket hold the same numbers as the raw samples', () => {
    const samples = twoDays();
    new SampleStore(db).append(batchOf(samples));
    // 2 days in 96 buckets: 30 minutes each, 30 rollup rows per bucket (the per-bucket read path).
    const h = new HistoryReader(db).query(pointId, T0, T0 + 2 * 86_400_000, 96);
    expect([h.source, h.bucketMs, h.samples.length]).toEqual(['1m', 1_800_000, 96]);
    h.samples.forEach((b, k) => {
      const inside = samples.filter(([t]) => t >= T0 + k * 1_800_000 && t < T0 + (k + 1) * 1_800_000);
      expect(b.ts).toBe(T0 + k * 1_800_000);
      expect(b.count).toBe(inside.length);
      expect(b.min).toBe(Math.min(...inside.map(([, v]) => v)));
      expect(b.max).toBe(Math.max(...inside.map(([, v]) => v)));
      expect(b.value).toBeCloseTo(inside.reduce((n, [, v]) => n + v, 0) / inside.length, 9);
      expect(b.quality).toBe(inside.reduce((q, [, , s]) => q | s, 0));
    });
  });

  it('ORs different quality codes within a bucket', () => {
    const samples: [number, number, number][] = [];
    for (let i = 0; i < 600; i++) samples.push([T0 + i * 60_000, i, i === 3 ? 1 : i === 5 ? 16 : 0]);
    new SampleStore(db).append(batchOf(samples));
    const h = new HistoryReader(db).query(pointId, T0, T0 + 600 * 60_000, 10);
    expect(h.samples[0]!.quality).toBe(17);
    expect(h.samples.slice(1).every((b) => b.quality === 0)).toBe(true);
  });

  it('reads the 1-minute rollup where retention has removed the raw samples', () => {
    new SampleStore(db).append(batchOf(twoDays()));
    db.prepare('DELETE FROM samples WHERE point_id = ? AND ts < ?').run(pointId, T0 + DAY);
    const reader = new HistoryReader(db);
    const gone = reader.query(pointId, T0 + 3_600_000, T0 + 7_200_000, 1000);
    expect([gone.source, gone.bucketMs, gone.samples.length]).toEqual(['1m', 60_000, 60]);
    expect(gone.samples.every((b) => b.count === 6)).toBe(true);
    // A range straddling the cut: the rollup reaches back further, so it answers the whole range.
    const across = reader.query(pointId, T0 + DAY - 3_600_000, T0 + DAY + 3_600_000, 10_000);
    expect(across.source).toBe('1m');
    expect(across.samples[0]!.ts).toBe(T0 + DAY - 3_600_000);
    // Entirely after the cut: raw again.
    expect(reader.query(pointId, T0 + DAY + 60_000, T0 + DAY + 3_600_000, 1000).source).toBe('raw');
  });

  it('never returns more than maxPoints buckets, and counts every stored sample of the range once', () => {
    // Irregular times: gaps, bursts, a sample exactly on bucket edges.
    const samples: [number, number, number][] = [];
    let t = T0;
    for (let i = 0; i < 6000; i++) {
      t += i % 100 < 90 ? 7_001 : 600_000;
      samples.push([t, i % 13, 0]);
    }
    new SampleStore(db).append(batchOf(samples));
    const reader = new HistoryReader(db);
    const span = t - T0 + 1;
    fc.assert(
      fc.property(
        fc.integer({ min: -Math.floor(span / 4), max: span }),
        fc.integer({ min: 1, max: 2 * span }),
        fc.integer({ min: 1, max: 3000 }),
        (offset, length, maxPoints) => {
          const from = T0 + offset;
          const to = from + length;
          const h = reader.query(pointId, from, to, maxPoints);
          expect(h.samples.length).toBeLessThanOrEqual(maxPoints);
          for (let i = 1; i < h.samples.length; i++) expect(h.samples[i]!.ts).toBeGreaterThan(h.samples[i - 1]!.ts);
          // Rollup buckets start on their period: the answer covers from the period start before `from`.
          const unit = h.source === '1h' ? 3_600_000 : h.source === '1m' ? 60_000 : 1;
          const start = Math.floor(from / unit) * unit;
          const expected = samples.filter(([ts]) => ts >= start && Math.floor(ts / unit) * unit < to).length;
          expect(h.samples.reduce((n, b) => n + b.count, 0)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every history statement searches a primary key', () => {
    const plans = new HistoryReader(db).queryPlans();
    expect(plans.length).toBeGreaterThanOrEqual(12);
    for (const { sql, plan } of plans) {
      expect(plan.some((d) => / USING PRIMARY KEY \(point_id=\? AND (ts|bucket)>\? AND (ts|bucket)<\?\)/.test(d)), sql).toBe(true);
      expect(plan.filter((d) => /^SCAN (samples|rollup)/.test(d)), sql).toEqual([]);
    }
  });
});

describe('database file', () => {
  it('refuses a file that is not a database, with the path in the message', () => {
    const bad = path.join(dir, 'not-a.db');
    fs.writeFileSync(bad, 'this is not sqlite'.repeat(100));
    expect(() => openDatabase(bad)).toThrow(/cannot open the database .*not-a\.db/);
  });

  it('creates new files with incremental auto-vacuum, so deletes can give space back', () => {
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses a schema newer than the application', () => {
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(path.join(dir, 'site.db'))).toThrow(/newer than this application/);
    db = openDatabase(':memory:');
  });
});
