import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRetention } from '../../src/shared/contract/schemas/storage';
import type { Db } from '../../src/core/db/database';
import { SampleBatch, type SampleStore } from '../../src/core/db/samples';
import type { StorageOptions, StorageService } from '../../src/core/storage/storage';
import { seriesTables } from '../../src/core/db/storage-rows';
import type { Registry } from '../../src/core/model/registry';
import { openStorage } from '../helpers/storage-stack';
import { tempDir } from '../helpers/temp-dir';

const T0 = Date.UTC(2026, 2, 1);
const MINUTE = 60_000;

let dir: string;
let file: string;
let db: Db;
let registry: Registry;
let storage: StorageService;
let store: SampleStore;

function open(options: Partial<StorageOptions> = {}): void {
  ({ db, registry, storage, store } = openStorage(file, { retention: defaultRetention, sweepIntervalMs: 3_600_000, ...options }));
}

async function close(clean = true): Promise<void> {
  if (clean) await storage.stop();
  db.close();
}

/** `n` samples of a point, `stepMs` apart from `from`. */
function append(pointId: number, n: number, stepMs: number, from = T0): void {
  const b = new SampleBatch();
  for (let i = 0; i < n; i++) b.push(pointId, from + i * stepMs, i, 0);
  store.append(b);
}

const tableCount = (table: string, pointId?: number): number =>
  (pointId === undefined
    ? db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()
    : db.prepare(`SELECT count(*) FROM ${table} WHERE point_id = ?`).pluck().get(pointId)) as number;

let ahu: { supply: number; fan: number };
let room: { temp: number };

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, 'site.db');
  open();
  ahu = {
    supply: registry.register({ key: 'hq/ahu1/supply-temp', deviceKey: 'hq/ahu1', kind: 'sensor' }).id,
    fan: registry.register({ key: 'hq/ahu1/fan-cmd', deviceKey: 'hq/ahu1', kind: 'command' }).id,
  };
  room = { temp: registry.register({ key: 'hq/f1/r101/temp', deviceKey: 'hq/f1/r101', kind: 'sensor' }).id };
  append(ahu.supply, 30_000, 10_000);
  append(ahu.fan, 1000, 600_000);
  append(room.temp, 12_000, 5_000, T0 + 3_600_000);
});
afterEach(async () => {
  if (db.open) await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('storage usage', () => {
  it('counts exactly the rows that were stored, per series and point', () => {
    const u = storage.usage({ top: 10, sortBy: 'bytes' });
    expect(u.countsExact).toBe(true);
    expect(u.series.map((s) => [s.series, s.rows])).toEqual(seriesTables.map((t, i) => [['raw', '1m', '1h'][i], tableCount(t)]));
    expect(u.samples.rows).toBe(43_000);
    expect(u.pointsWithData).toBe(3);
    expect(u.samples.oldest).toBe(T0);
    expect(u.samples.newest).toBe(T0 + 999 * 600_000);
    for (const p of u.topPoints) {
      expect(p.rows).toEqual({ raw: tableCount('samples', p.id), '1m': tableCount('rollup_1m', p.id), '1h': tableCount('rollup_1h', p.id) });
    }
    const supply = u.topPoints.find((p) => p.id === ahu.supply)!;
    expect(supply).toMatchObject({ key: 'hq/ahu1/supply-temp', deviceKey: 'hq/ahu1', kind: 'sensor', rows: { raw: 30_000, '1m': 5000 } });
  });

  it('measures bytes per table with dbstat, and they add up to no more than the file', () => {
    const u = storage.usage({ top: 10, sortBy: 'bytes' });
    expect(u.tableBytesMethod).toBe('dbstat');
    const bytes = new Map(u.tables.map((t) => [t.name, t.bytes]));
    for (const s of u.series) expect(s.bytes).toBe(bytes.get(s.table));
    const used = u.tables.reduce((n, t) => n + t.bytes, 0);
    expect(used + u.file.freePages * u.file.pageSize).toBeLessThanOrEqual(u.file.pages * u.file.pageSize);
    expect(u.file.autoVacuum).toBe('incremental');
    // A raw row is 4 numbers in a clustered b-tree: tens of bytes, not hundreds.
    expect(u.samples.bytesPerSample).toBeGreaterThan(10);
    expect(u.samples.bytesPerSample).toBeLessThan(60);
    expect(u.samples.bytesPerSampleAllSeries).toBeGreaterThan(u.samples.bytesPerSample);
  });

  it('ranks points and devices by the key asked for, the largest first', () => {
    const byBytes = storage.usage({ top: 2, sortBy: 'bytes' });
    expect(byBytes.topPoints.map((p) => p.id)).toEqual([ahu.supply, room.temp]);
    expect(byBytes.topPoints[0]!.bytes).toBeGreaterThan(byBytes.topPoints[1]!.bytes);
    const byHours = storage.usage({ top: 3, sortBy: '1h' });
    expect(byHours.topPoints[0]!.id).toBe(ahu.fan); // 1000 samples 10 min apart span 167 hours
    const [first, second] = byBytes.topDevices;
    expect(first).toMatchObject({ key: 'hq/ahu1', points: 2 });
    const ahuPoints = storage.usage({ top: 10, sortBy: 'bytes' }).topPoints.filter((p) => p.deviceKey === 'hq/ahu1');
    expect(first!.bytes).toBe(ahuPoints.reduce((n, p) => n + p.bytes, 0));
    expect(first!.rows.raw).toBe(31_000);
    expect(second).toMatchObject({ key: 'hq/f1/r101', points: 1, rows: { raw: 12_000 } });
  });

  it('estimates bytes from rows on a file too large for dbstat, sharing out the used pages', async () => {
    const measured = storage.usage({ top: 1, sortBy: 'bytes' });
    await close();
    open({ dbstatMaxBytes: 0 });
    const u = storage.usage({ top: 1, sortBy: 'bytes' });
    expect(u.tableBytesMethod).toBe('estimate');
    const used = (u.file.pages - u.file.freePages) * u.file.pageSize;
    expect(u.series.reduce((n, s) => n + s.bytes, 0)).toBeLessThanOrEqual(used);
    // Within a fifth of what dbstat measured for the raw table.
    const raw = measured.series[0]!.bytes;
    expect(Math.abs(u.series[0]!.bytes - raw)).toBeLessThan(raw / 5);
  });
});

describe('row counters', () => {
  it('are saved at a clean stop and exact at the next start without a recount', async () => {
    await close();
    open();
    expect(storage.rows.exact).toBe(true);
    expect(storage.rows.rowsOf(0, ahu.supply)).toBe(30_000);
    expect(storage.rows.oldest(room.temp)).toBe(T0 + 3_600_000);
  });

  it('after an unclean stop they are recounted from the tables, with ingest going on meanwhile', async () => {
    storage.rows.save(); // a periodic save, then more samples, then a crash
    append(room.temp, 1000, 5_000, T0 + 90_000_000);
    await close(false);
    open();
    expect(storage.rows.exact).toBe(false);
    expect(storage.rows.rowsOf(0, room.temp)).toBe(12_000);
    const recount = storage.ensureCounted();
    append(ahu.fan, 10, 1000, T0 - 60_000);
    expect(await recount).toBe(true);
    expect(storage.rows.exact).toBe(true);
    for (const p of [ahu.supply, ahu.fan, room.temp]) {
      expect(storage.rows.rowsOf(0, p)).toBe(tableCount('samples', p));
      expect(storage.rows.rowsOf(1, p)).toBe(tableCount('rollup_1m', p));
      expect(storage.rows.rowsOf(2, p)).toBe(tableCount('rollup_1h', p));
    }
    expect(storage.rows.oldest(ahu.fan)).toBe(T0 - 60_000);
  });

  it('a commit that fails has them recounted, so the rows it did not store are not counted', async () => {
    // A real failure inside SQLite after the raw rows and 1-minute rollups of the batch were written.
    db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON rollup_1h BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    const b = new SampleBatch();
    b.push(room.temp, T0 + 5000 * MINUTE, 1, 0);
    b.push(room.temp, T0 + 5001 * MINUTE, 2, 0);
    expect(() => store.append(b)).toThrow(/disk says no/);
    db.exec('DROP TRIGGER refuse');
    expect(storage.rows.exact).toBe(false);
    expect(storage.rows.rowsOf(0, room.temp)).toBe(12_002); // counted before the rollback
    await storage.ensureCounted();
    expect(storage.rows.rowsOf(0, room.temp)).toBe(12_000);
    expect(storage.rows.rowsOf(1, room.temp)).toBe(tableCount('rollup_1m', room.temp));
  });
});
