import fs from 'node:fs';
import type { z } from 'zod';
import type { PointKind } from '../../shared/contract/schemas/points';
import {
  storageSeries,
  type RetentionSettings,
  type StorageSortKey,
  type StorageUsage,
} from '../../shared/contract/schemas/storage';
import type { Db } from '../db/database';
import { autoVacuumMode } from '../db/reclaim-space';
import { seriesTables, type StorageRows } from '../db/storage-rows';

type Kind = z.infer<typeof PointKind>;
type SortKey = z.infer<typeof StorageSortKey>;
type Counts = StorageUsage['topPoints'][number]['rows'];

/** What usage needs to know of points and devices (the registry provides it). */
export interface PointDirectory {
  pointById(id: number): { key: string; name: string; kind: Kind; deviceId: number; deviceKey: string } | undefined;
  devices(): Iterable<{ id: number; key: string; name: string }>;
}

export interface SweepSummary {
  at: number;
  durationMs: number;
  deletedRows: Counts;
}

/** dbstat reads every page: about 0.6 s per GB here, too long to hold the thread on a call above this size. */
const DBSTAT_MAX_BYTES = 256 * 1024 * 1024;
const DBSTAT_CACHE_MS = 10_000;
/** Bytes per row measured on this schema (4 KB pages, points interleaved), until this file has been measured. */
const DEFAULT_BYTES_PER_ROW = [27, 68, 68];
/** The last measured bytes per row of each series, kept for when the file has grown past dbstat. */
const CALIBRATION_KEY = 'storage_bytes_per_row';

/** Sizes of the database file and its write-ahead log; a missing file takes no space. */
export function fileSizes(file: string): { db: number; wal: number } {
  const size = (f: string) => {
    try {
      return fs.statSync(f).size;
    } catch {
      return 0;
    }
  };
  return { db: size(file), wal: size(`${file}-wal`) };
}

/**
 * Answers `storage.usage` without counting rows: row counts come from StorageRows, bytes per table
 * from dbstat (cached a few seconds; only while the file is small enough to read it quickly), and a
 * point's bytes are its rows times its tables' bytes per row.
 */
export class StorageUsageMeter {
  private measured: { at: number; bytes: Map<string, number> } | null = null;
  private bytesPerRow = [...DEFAULT_BYTES_PER_ROW];
  private readonly saveCalibration;

  constructor(
    private readonly db: Db,
    private readonly file: string,
    private readonly rows: StorageRows,
    private readonly directory: PointDirectory,
    private readonly dbstatMaxBytes = DBSTAT_MAX_BYTES,
  ) {
    const saved = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(CALIBRATION_KEY) as string | undefined;
    const parsed: unknown = saved === undefined ? null : JSON.parse(saved);
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((n) => typeof n === 'number' && n > 0)) this.bytesPerRow = parsed;
    this.saveCalibration = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  usage(q: { top: number; sortBy: SortKey }, retention: RetentionSettings, lastSweep: SweepSummary | null): StorageUsage {
    const now = Date.now();
    const sizes = fileSizes(this.file);
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const freePages = this.db.pragma('freelist_count', { simple: true }) as number;

    // One pass over the counters: totals per series, oldest and newest raw sample.
    const totals = [0, 0, 0];
    let oldest = Infinity;
    let newest = -Infinity;
    let pointsWithData = 0;
    const ids: number[] = [];
    for (const p of this.rows.pointIds()) {
      ids.push(p);
      pointsWithData++;
      for (let s = 0; s < 3; s++) totals[s]! += this.rows.rowsOf(s as 0 | 1 | 2, p);
      const o = this.rows.oldest(p);
      const n = this.rows.newest(p);
      if (o !== null && o < oldest) oldest = o;
      if (n !== null && n > newest) newest = n;
    }

    const { method, bytes } = this.tableBytes(sizes.db, pageSize * (pages - freePages), totals);
    const seriesBytes = seriesTables.map((t) => bytes.get(t) ?? 0);
    const perRow = seriesBytes.map((b, s) => (totals[s]! > 0 ? b / totals[s]! : this.bytesPerRow[s]!));
    const pointBytes = (c: Counts) => Math.round(c.raw * perRow[0]! + c['1m'] * perRow[1]! + c['1h'] * perRow[2]!);

    const points = ids.map((id) => {
      const info = this.directory.pointById(id);
      const rows: Counts = { raw: this.rows.rowsOf(0, id), '1m': this.rows.rowsOf(1, id), '1h': this.rows.rowsOf(2, id) };
      return {
        id,
        key: info?.key ?? null,
        name: info?.name ?? null,
        deviceId: info?.deviceId ?? null,
        deviceKey: info?.deviceKey ?? null,
        kind: info?.kind ?? null,
        rows,
        bytes: pointBytes(rows),
      };
    });
    const devices = new Map<number, StorageUsage['topDevices'][number]>();
    const deviceInfo = new Map([...this.directory.devices()].map((d) => [d.id, d]));
    for (const p of points) {
      if (p.deviceId === null) continue;
      let d = devices.get(p.deviceId);
      if (!d) {
        const info = deviceInfo.get(p.deviceId);
        d = { id: p.deviceId, key: info?.key ?? p.deviceKey ?? '', name: info?.name ?? '', points: 0, rows: { raw: 0, '1m': 0, '1h': 0 }, bytes: 0 };
        devices.set(p.deviceId, d);
      }
      d.points++;
      d.rows.raw += p.rows.raw;
      d.rows['1m'] += p.rows['1m'];
      d.rows['1h'] += p.rows['1h'];
      d.bytes += p.bytes;
    }
    const sortValue = (x: { rows: Counts; bytes: number }): number =>
      q.sortBy === 'bytes' ? x.bytes : q.sortBy === 'rows' ? x.rows.raw + x.rows['1m'] + x.rows['1h'] : x.rows[q.sortBy];
    const top = <T extends { id: number; rows: Counts; bytes: number }>(list: T[]): T[] =>
      list.sort((a, b) => sortValue(b) - sortValue(a) || a.id - b.id).slice(0, q.top);

    const allSeriesBytes = seriesBytes.reduce((a, b) => a + b, 0);
    return {
      measuredAt: now,
      file: { dbBytes: sizes.db, walBytes: sizes.wal, pageSize, pages, freePages, autoVacuum: autoVacuumMode(this.db) },
      tableBytesMethod: method,
      tables: [...bytes].map(([name, b]) => ({ name, bytes: b })).sort((a, b) => b.bytes - a.bytes),
      series: storageSeries.map((series, s) => ({
        series,
        table: seriesTables[s]!,
        rows: totals[s]!,
        bytes: seriesBytes[s]!,
        bytesPerRow: perRow[s]!,
      })),
      samples: {
        rows: totals[0]!,
        oldest: Number.isFinite(oldest) ? oldest : null,
        newest: Number.isFinite(newest) ? newest : null,
        bytesPerSample: totals[0]! > 0 ? seriesBytes[0]! / totals[0]! : 0,
        bytesPerSampleAllSeries: totals[0]! > 0 ? allSeriesBytes / totals[0]! : 0,
      },
      countsExact: this.rows.exact,
      pointsWithData,
      topPoints: top(points),
      topDevices: top([...devices.values()]),
      retention,
      lastSweep,
    };
  }

  /**
   * Bytes per b-tree. Small file: dbstat, page by page, cached for a few seconds; it also calibrates
   * bytes per row. Large file: the used pages shared out between the series tables by rows × bytes
   * per row, after the other tables' last measured size.
   */
  private tableBytes(dbBytes: number, usedBytes: number, rows: number[]): { method: 'dbstat' | 'estimate'; bytes: Map<string, number> } {
    const now = Date.now();
    if (dbBytes <= this.dbstatMaxBytes) {
      if (!this.measured || now - this.measured.at > DBSTAT_CACHE_MS) {
        const list = this.db.prepare('SELECT name, pgsize FROM dbstat WHERE aggregate = TRUE').raw().all() as [string, number][];
        this.measured = { at: now, bytes: new Map(list) };
        seriesTables.forEach((t, s) => {
          // Enough rows for the pages' fill to be typical.
          if (rows[s]! >= 1000) this.bytesPerRow[s] = (this.measured!.bytes.get(t) ?? 0) / rows[s]!;
        });
        this.saveCalibration.run(CALIBRATION_KEY, JSON.stringify(this.bytesPerRow));
      }
      return { method: 'dbstat', bytes: this.measured.bytes };
    }
    const bytes = new Map<string, number>();
    let others = 0;
    for (const [name, b] of this.measured?.bytes ?? []) {
      if ((seriesTables as readonly string[]).includes(name)) continue;
      bytes.set(name, b);
      others += b;
    }
    const raw = seriesTables.map((_, s) => rows[s]! * this.bytesPerRow[s]!);
    const sum = raw.reduce((a, b) => a + b, 0);
    const scale = sum > 0 ? Math.max(0, usedBytes - others) / sum : 0;
    seriesTables.forEach((t, s) => bytes.set(t, Math.round(raw[s]! * scale)));
    return { method: 'estimate', bytes };
  }
}
