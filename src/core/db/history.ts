import type { z } from 'zod';
import type { Db } from './database';
import type { HistoryBucket, HistoryResolution } from '../../shared/contract/schemas/history';

type Bucket = z.infer<typeof HistoryBucket>;
type Source = z.infer<typeof HistoryResolution>;

export interface HistoryAnswer {
  source: Source;
  bucketMs: number;
  samples: Bucket[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** SQLite has no bitwise-OR aggregate; OR the per-bit maxima of the 8 quality bits instead. */
const BIT_OR_QUALITY = Array.from({ length: 8 }, (_, b) => `max(quality & ${1 << b})`).join(' | ');

/**
 * Reads a point's history with at most `maxPoints` buckets. Raw samples are returned as
 * they are when they fit; otherwise the finest stored series no finer than the bucket
 * width is aggregated in SQL, so a month of 10-second samples reads the 1-minute rollup.
 */
export class HistoryReader {
  private readonly rawRows;
  private readonly rawGrouped;
  private readonly rollupGrouped: Record<'1m' | '1h', ReturnType<Db['prepare']>>;

  constructor(db: Db) {
    this.rawRows = db.prepare(
      'SELECT ts, value, quality FROM samples WHERE point_id = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?',
    );
    this.rawGrouped = db.prepare(`
      SELECT CAST((ts - @from) / @width AS INTEGER) AS k, min(value) AS min, max(value) AS max, sum(value) AS sum,
             count(*) AS count, ${BIT_OR_QUALITY} AS quality
      FROM samples WHERE point_id = @point AND ts >= @from AND ts < @to
      GROUP BY k ORDER BY k`);
    const grouped = (table: string) =>
      db.prepare(`
        SELECT CAST((bucket - @from) / @width AS INTEGER) AS k, min(min) AS min, max(max) AS max, sum(sum) AS sum,
               sum(count) AS count, ${BIT_OR_QUALITY} AS quality
        FROM ${table} WHERE point_id = @point AND bucket >= @from AND bucket < @to
        GROUP BY k ORDER BY k`);
    this.rollupGrouped = { '1m': grouped('rollup_1m'), '1h': grouped('rollup_1h') };
  }

  query(point: number, from: number, to: number, maxPoints: number): HistoryAnswer {
    const raw = this.rawRows.all(point, from, to, maxPoints + 1) as { ts: number; value: number; quality: number }[];
    if (raw.length <= maxPoints) {
      return {
        source: 'raw',
        bucketMs: 0,
        samples: raw.map((r) => ({ ts: r.ts, value: r.value, min: r.value, max: r.value, count: 1, quality: r.quality })),
      };
    }
    const width = Math.ceil((to - from) / maxPoints);
    const source: Source = width < MINUTE ? 'raw' : width < HOUR ? '1m' : '1h';
    // Rollup buckets are aligned to their period; widen the window so whole buckets are counted once.
    const align = source === '1m' ? MINUTE : source === '1h' ? HOUR : 1;
    const alignedFrom = Math.floor(from / align) * align;
    const params = { point, from: alignedFrom, to, width };
    const stmt = source === 'raw' ? this.rawGrouped : this.rollupGrouped[source];
    const rows = stmt.all(params) as { k: number; min: number; max: number; sum: number; count: number; quality: number }[];
    return {
      source,
      bucketMs: width,
      samples: rows.map((r) => ({
        ts: alignedFrom + r.k * width,
        value: r.sum / r.count,
        min: r.min,
        max: r.max,
        count: r.count,
        quality: r.quality,
      })),
    };
  }
}
