import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/shared/errors';
import { parseConfig } from '../../src/core/config';
import { openDatabase } from '../../src/core/db/database';
import { migrate } from '../../src/core/db/migrate';
import { SampleBatch } from '../../src/core/db/samples';
import { createCore, type Core } from '../../src/core/host';
import { failure } from '../helpers/api-failure';
import { openStorage } from '../helpers/storage-stack';
import { admin, viewer } from '../helpers/temp-core';
import { tempDir } from '../helpers/temp-dir';

const DAY = 86_400_000;
const NOW = Date.now();
const START = Math.floor((NOW - 60 * DAY) / 3_600_000) * 3_600_000;
/** Samples per point: one a minute for 60 days. */
const PER_POINT = 60 * 1440;

let dir: string;
let file: string;
let core: Core | null = null;
const ids: Record<string, number> = {};

/**
 * A site file with history written before the core starts: two devices, a sensor and a setpoint
 * each, one sample a minute for 60 days. `legacy` makes it the way files were made before
 * auto-vacuum was switched on.
 */
async function writeSite(legacy = false): Promise<void> {
  let db: Database.Database;
  if (legacy) {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(db);
  } else {
    db = openDatabase(file);
  }
  const { registry, storage, store } = openStorage(file, { retention: parseConfig({ dataDir: dir }).storage.retention, sweepIntervalMs: DAY }, db);
  for (const [name, deviceKey, kind] of [
    ['ahu1/supply-temp', 'hq/ahu1', 'sensor'],
    ['ahu1/supply-setpoint', 'hq/ahu1', 'setpoint'],
    ['r101/temp', 'hq/f1/r101', 'sensor'],
    ['r101/setpoint', 'hq/f1/r101', 'setpoint'],
  ] as const) {
    const id = registry.register({ key: `hq/${name}`, deviceKey, kind }).id;
    ids[name] = id;
    for (let i = 0; i < PER_POINT; i += 10_000) {
      const b = new SampleBatch();
      for (let j = i; j < Math.min(PER_POINT, i + 10_000); j++) b.push(id, START + j * 60_000, 20 + Math.sin(j / 100), 0);
      store.append(b);
    }
  }
  // A file of that time had no saved counters either: the core counts its rows at start.
  if (!legacy) await storage.stop();
  db.close();
}

async function startCore(): Promise<Core> {
  core = createCore(parseConfig({ dataDir: dir, demo: { enabled: false } }));
  await core.start();
  return core;
}

const onDisk = (): number => fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, 'site.db');
});
afterEach(async () => {
  await core?.stop();
  core = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('storage.purge through a real core', () => {
  it('deletes what was asked, gives the space back and says how much, measured on disk', async () => {
    await writeSite();
    const c = await startCore();
    const before = await c.call(viewer, 'storage.usage');
    expect(before.countsExact).toBe(true);
    expect(before.samples.rows).toBe(4 * PER_POINT);
    expect(before.file.autoVacuum).toBe('incremental');

    const olderThan = NOW - 10 * DAY;
    const result = await c.call(admin, 'storage.purge', { confirm: true, olderThan });
    const perPoint = Math.ceil((olderThan - START) / 60_000);
    expect(result.deletedRows.raw).toBe(4 * perPoint);
    expect(result.points).toBe(4);
    expect(result.vacuum).toBe('incremental');
    expect(result.warning).toBeNull();
    // Five sixths of the rows are gone; the file, WAL included, is measured on disk.
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore * 0.4);
    expect(onDisk()).toBe(result.bytesAfter);

    const after = await c.call(viewer, 'storage.usage');
    expect(after.samples.rows).toBe(4 * (PER_POINT - perPoint));
    expect(after.samples.oldest).toBeGreaterThanOrEqual(olderThan);
    expect(after.file.freePages).toBe(0);
    expect(after.file.walBytes).toBe(0);
  });

  it('narrows by device, kind and series; other history stays', async () => {
    await writeSite();
    const c = await startCore();
    const device = (await c.call(viewer, 'points.list', { text: 'ahu1/supply-temp' })).points[0]!.deviceId;
    const result = await c.call(admin, 'storage.purge', { confirm: true, devices: [device], kinds: ['sensor'], series: ['raw', '1m'] });
    expect(result.points).toBe(1);
    expect(result.deletedRows.raw).toBe(PER_POINT);
    expect(result.deletedRows['1h']).toBe(0);
    const usage = await c.call(viewer, 'storage.usage', { top: 10, sortBy: 'raw' });
    const rows = Object.fromEntries(usage.topPoints.map((p) => [p.key, p.rows]));
    expect(rows['hq/ahu1/supply-temp']).toEqual({ raw: 0, '1m': 0, '1h': 1440 });
    expect(rows['hq/ahu1/supply-setpoint']!.raw).toBe(PER_POINT);
    expect(rows['hq/r101/temp']!.raw).toBe(PER_POINT);
  });

  it('rebuilds a file made without auto-vacuum once, with a warning, and shrinks it', async () => {
    await writeSite(true);
    const c = await startCore();
    const usage = await c.call(viewer, 'storage.usage');
    expect(usage.file.autoVacuum).toBe('none');
    const result = await c.call(admin, 'storage.purge', { confirm: true, points: [ids['r101/temp']!, ids['r101/setpoint']!] });
    // The counters of a file from before they existed were rebuilt at start.
    expect(result.deletedRows.raw).toBe(2 * PER_POINT);
    expect(result.vacuum).toBe('full');
    expect(result.warning).toMatch(/full VACUUM/);
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore * 0.6);
    expect(onDisk()).toBe(result.bytesAfter);
    expect((await c.call(viewer, 'storage.usage')).file.autoVacuum).toBe('incremental');
  });

  it('refuses without confirm: true, and refuses roles below admin', async () => {
    const c = await startCore();
    const missing = await failure(c.call(admin, 'storage.purge', { olderThan: NOW }));
    expect(missing.code).toBe(ErrorCode.InvalidParams);
    expect(missing.message).toContain('confirm');
    const engineer = await failure(c.call({ user: 'e', role: 'engineer', via: 'internal' }, 'storage.purge', { confirm: true }));
    expect(engineer.code).toBe(ErrorCode.Forbidden);
    const empty = await c.call(admin, 'storage.purge', { confirm: true });
    expect(empty.deletedRows).toEqual({ raw: 0, '1m': 0, '1h': 0 });
  });
});
