import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/core/db/database';
import { SampleBatch, SampleStore } from '../../src/core/db/samples';
import { Registry } from '../../src/core/model/registry';
import { tempDir } from '../helpers/temp-dir';

let dir: string;
let file: string;
let db: Db;
let a: number;
let b: number;

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, 'site.db');
  db = openDatabase(file);
  const registry = new Registry(db);
  a = registry.ensurePoint({ key: 'd/a', deviceKey: 'd' }).id;
  b = registry.ensurePoint({ key: 'd/b', deviceKey: 'd' }).id;
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 0, 5, 8, 30, 0);

function batch(rows: [point: number, ts: number, value: number][]): SampleBatch {
  const out = new SampleBatch();
  for (const [p, t, v] of rows) out.push(p, t, v, 0);
  return out;
}

/** What the rollups would be if computed from the raw samples now. */
function rollupsFromRaw(table: 'rollup_1m' | 'rollup_1h'): unknown[] {
  const width = table === 'rollup_1m' ? 60_000 : 3_600_000;
  return db
    .prepare(
      `SELECT point_id, CAST(ts / ${width} AS INTEGER) * ${width} AS bucket, min(value) AS min, max(value) AS max, sum(value) AS sum, count(*) AS count
       FROM samples GROUP BY point_id, bucket ORDER BY point_id, bucket`,
    )
    .all();
}
const stored = (table: string) => db.prepare(`SELECT point_id, bucket, min, max, sum, count FROM ${table} ORDER BY point_id, bucket`).all();

/** Ten seconds of one sample per point per second, ending at `NOW`. */
function recentSeconds(from = 10, to = 0): [number, number, number][] {
  const rows: [number, number, number][] = [];
  for (let s = from; s > to; s--) rows.push([a, NOW - s * 1000, s], [b, NOW - s * 1000, 100 + s]);
  return rows;
}

describe('rollups of recent minutes are held in memory and written at most every rollupFlushMs', () => {
  it('writes them on the first batch after the interval, exactly', () => {
    const store = new SampleStore(db, undefined, { rollupFlushMs: 1000 });
    store.append(batch(recentSeconds(10, 5)), NOW); // first append: interval elapsed since never → written
    store.append(batch(recentSeconds(5, 0)), NOW + 200);
    expect(stored('rollup_1m')).not.toEqual(rollupsFromRaw('rollup_1m'));
    store.append(batch([[a, NOW, 0]]), NOW + 1500);
    expect(stored('rollup_1m')).toEqual(rollupsFromRaw('rollup_1m'));
    expect(stored('rollup_1h')).toEqual(rollupsFromRaw('rollup_1h'));
  });

  it('flushRollups() writes what is held', () => {
    const store = new SampleStore(db, undefined, { rollupFlushMs: 60_000 });
    store.append(batch(recentSeconds(10, 9)), NOW);
    store.append(batch(recentSeconds(9, 0)), NOW + 10);
    store.flushRollups();
    expect(stored('rollup_1m')).toEqual(rollupsFromRaw('rollup_1m'));
  });

  it('late data (minutes older than the deferral window) is rolled up in its own transaction', () => {
    const store = new SampleStore(db, undefined, { rollupFlushMs: 60_000 });
    store.append(batch([[a, NOW, 1]]), NOW);
    store.append(batch([[a, NOW - 3_600_000, 7], [b, NOW - 600_000, 8]]), NOW + 10);
    expect(stored('rollup_1m')).toEqual([
      { point_id: a, bucket: NOW - 3_600_000, min: 7, max: 7, sum: 7, count: 1 },
      { point_id: a, bucket: NOW, min: 1, max: 1, sum: 1, count: 1 },
      { point_id: b, bucket: NOW - 600_000, min: 8, max: 8, sum: 8, count: 1 },
    ]);
  });

  it('after a crash, the rollups still in memory are recomputed from the raw samples at the next start', () => {
    const store = new SampleStore(db, undefined, { rollupFlushMs: 60_000 });
    store.append(batch(recentSeconds(10, 6)), NOW);
    store.append(batch(recentSeconds(6, 0)), NOW + 100);
    expect(stored('rollup_1m')).not.toEqual(rollupsFromRaw('rollup_1m'));
    // The process dies: the connection goes away without flushRollups().
    db.close();
    db = openDatabase(file);
    new SampleStore(db);
    expect(stored('rollup_1m')).toEqual(rollupsFromRaw('rollup_1m'));
    expect(stored('rollup_1h')).toEqual(rollupsFromRaw('rollup_1h'));
    expect(db.prepare('SELECT last, last_ts FROM rollup_1m WHERE point_id = ?').get(a)).toEqual({ last: 1, last_ts: NOW - 1000 });
    expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'rollups_pending_from'").get()).toEqual({ n: 0 });
  });

  it('a batch whose transaction fails leaves nothing behind in the held rollups', () => {
    const store = new SampleStore(db, undefined, { rollupFlushMs: 60_000 });
    store.append(batch(recentSeconds(10, 5)), NOW);
    db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON samples WHEN NEW.value = 666 BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() => store.append(batch([[a, NOW - 2000, 5], [b, NOW - 2000, 666]]), NOW + 10)).toThrow(/refused/);
    db.exec('DROP TRIGGER refuse');
    store.append(batch(recentSeconds(4, 0)), NOW + 20);
    store.flushRollups();
    expect(stored('rollup_1m')).toEqual(rollupsFromRaw('rollup_1m'));
  });
});
