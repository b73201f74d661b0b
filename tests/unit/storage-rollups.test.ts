import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/core/db/database';
import { HistoryReader } from '../../src/core/db/history';
import { SampleBatch, SampleStore } from '../../src/core/db/samples';
import { Registry } from '../../src/core/iot/registry';
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

describe('database file', () => {
  it('refuses a file that is not a database, with the path in the message', () => {
    const bad = path.join(dir, 'not-a.db');
    fs.writeFileSync(bad, 'this is not sqlite'.repeat(100));
    expect(() => openDatabase(bad)).toThrow(/cannot open the database .*not-a\.db/);
  });

  it('refuses a schema newer than the application', () => {
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDatabase(path.join(dir, 'site.db'))).toThrow(/newer than this application/);
    db = openDatabase(':memory:');
  });
});
