import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRetention, type RetentionSettings } from '../../src/shared/contract/schemas/storage';
import { parseConfig } from '../../src/core/config';
import type { Db } from '../../src/core/db/database';
import { SampleBatch, type SampleStore } from '../../src/core/db/samples';
import type { StorageService } from '../../src/core/storage/storage';
import { seriesTables, seriesTimeColumns } from '../../src/core/db/storage-rows';
import type { Registry } from '../../src/core/model/registry';
import { openStorage } from '../helpers/storage-stack';
import { tempDir } from '../helpers/temp-dir';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 1);
const START = NOW - 400 * DAY;

const retention: RetentionSettings = {
  sensor: { raw: 10, '1m': 20, '1h': 40 },
  setpoint: { raw: 50, '1m': 100, '1h': 200 },
  command: { raw: 5, '1m': 300, '1h': 390 },
  status: { raw: 365, '1m': 365, '1h': 3650 },
};

let dir: string;
let file: string;
let db: Db;
let registry: Registry;
let storage: StorageService;
let store: SampleStore;
const ids: Record<string, number> = {};
/** A point id with rows but no registry entry (its point was removed): kept as long as a sensor. */
const ORPHAN = 999;

/** One sample an hour for 400 days: 9,600 raw rows, and as many 1-minute and 1-hour rows. */
function fill(pointId: number, from = START, to = NOW): number {
  const b = new SampleBatch();
  for (let t = from; t < to; t += HOUR) b.push(pointId, t, t / HOUR, 0);
  return store.append(b).stored;
}

function open(chunkRows?: number): void {
  ({ db, registry, storage, store } = openStorage(file, { retention, sweepIntervalMs: HOUR, ...(chunkRows ? { chunkRows } : {}) }));
}

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, 'site.db');
  open();
  for (const kind of ['sensor', 'setpoint', 'command', 'status'] as const) {
    ids[kind] = registry.register({ key: `hq/plant/${kind}`, deviceKey: 'hq/plant', kind }).id;
    fill(ids[kind]!);
  }
  fill(ORPHAN);
});
afterEach(async () => {
  await storage.stop();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = (series: number, pointId: number, before = Number.MAX_SAFE_INTEGER): number =>
  db.prepare(`SELECT count(*) FROM ${seriesTables[series]} WHERE point_id = ? AND ${seriesTimeColumns[series]} < ?`).pluck().get(pointId, before) as number;

function expectCountersMatchTables(): void {
  for (const p of [...Object.values(ids), ORPHAN]) {
    for (let s = 0 as 0 | 1 | 2; s < 3; s++) expect(storage.rows.rowsOf(s, p), `point ${p} series ${s}`).toBe(count(s, p));
  }
}

describe('retention sweep', () => {
  it('deletes, per kind and series, exactly the rows older than the limit', async () => {
    const before = [...Object.entries(ids), ['orphan', ORPHAN] as const].map(([kind, p]) => ({ kind, p, rows: [0, 1, 2].map((s) => count(s, p)) }));
    const result = await storage.sweep(NOW);
    let deleted = 0;
    for (const { kind, p, rows } of before) {
      const limits = retention[kind === 'orphan' ? 'sensor' : (kind as keyof RetentionSettings)];
      (['raw', '1m', '1h'] as const).forEach((name, s) => {
        const cutoff = NOW - limits[name] * DAY;
        // Everything from the cutoff on is still there; nothing older is.
        const kept = Math.min(rows[s]!, (NOW - cutoff) / HOUR);
        expect(count(s, p), `${kind} ${name}`).toBe(kept);
        expect(count(s, p, cutoff), `${kind} ${name} older than the limit`).toBe(0);
        deleted += rows[s]! - kept;
      });
    }
    const r = result.deletedRows;
    expect(r.raw + r['1m'] + r['1h']).toBe(deleted);
    expect(deleted).toBeGreaterThan(0);
    expectCountersMatchTables();
    // The oldest raw sample of the sensor now sits at its cutoff.
    expect(storage.rows.oldest(ids.sensor!)).toBe(NOW - 10 * DAY);
  });

  it('a second sweep at the same time deletes nothing', async () => {
    await storage.sweep(NOW);
    const again = await storage.sweep(NOW);
    expect(again.deletedRows).toEqual({ raw: 0, '1m': 0, '1h': 0 });
  });

  it('deletes in small transactions and lets ingest commit between them', async () => {
    await storage.stop();
    db.close();
    open(100);
    let commits = 0;
    let running = true;
    const ingestMeanwhile = () => {
      if (!running) return;
      const b = new SampleBatch();
      b.push(ids.sensor!, NOW + commits * 1000, 1, 0);
      store.append(b);
      commits++;
      setImmediate(ingestMeanwhile);
    };
    setImmediate(ingestMeanwhile);
    const result = await storage.sweep(NOW);
    running = false;
    const total = result.deletedRows.raw + result.deletedRows['1m'] + result.deletedRows['1h'];
    // At most 100 rows per transaction, and the event loop got a turn after each one.
    expect(commits).toBeGreaterThanOrEqual(Math.floor(total / 100));
    expect(count(0, ids.sensor!, NOW - 10 * DAY)).toBe(0);
    expectCountersMatchTables();
  });

  it('gives the freed pages back to the disk', async () => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pagesBefore = db.pragma('page_count', { simple: true }) as number;
    await storage.sweep(NOW);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(db.pragma('page_count', { simple: true }) as number).toBeLessThan(pagesBefore);
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
  });
});

describe('retention configuration', () => {
  it('fills what the file leaves out with the defaults', () => {
    const config = parseConfig({ dataDir: dir, storage: { retention: { sensor: { raw: 7 } } } });
    expect(config.storage.retention.sensor).toEqual({ ...defaultRetention.sensor, raw: 7 });
    expect(config.storage.retention.setpoint).toEqual(defaultRetention.setpoint);
    expect(parseConfig({ dataDir: dir }).storage).toEqual({ retention: defaultRetention, sweepIntervalMin: 60 });
  });

  it('refuses a retention that is not a whole number of days, naming the field', () => {
    expect(() => parseConfig({ dataDir: dir, storage: { retention: { status: { '1h': 0.5 } } } })).toThrow(/storage\.retention\.status\.1h/);
    expect(() => parseConfig({ dataDir: dir, storage: { retention: { gauge: {} } } })).toThrow(/gauge/);
  });
});
