import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { Db } from './database';
import { BIT_OR_QUALITY } from './samples';
import type { HistoryBucket, HistoryResolution } from '../../shared/contract/schemas/history';

type Bucket = z.infer<typeof HistoryBucket>;
type Source = z.infer<typeof HistoryResolution>;
type Rollup = Exclude<Source, 'raw'>;
type Statement = Database.Statement<unknown[], unknown>;

export interface HistoryAnswer {
  source: Source;
  bucketMs: number;
  samples: Bucket[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const sources: Source[] = ['raw', '1m', '1h'];
const rollups: Rollup[] = ['1m', '1h'];
const period: Record<Source, number> = { raw: 1, '1m': MINUTE, '1h': HOUR };
const table: Record<Source, string> = { raw: 'samples', '1m': 'rollup_1m', '1h': 'rollup_1h' };
/**
 * Above this many stored rows per answer bucket, one primary-key range read per bucket beats a
 * GROUP BY (which sorts every row in a temporary b-tree); below it, the per-call cost dominates.
 */
const ROWS_PER_BUCKET_FOR_SEEKS = 8;
/** Bucket ranges read per statement call (UNION ALL of range reads): fewer calls from JS into SQLite. */
const RANGES_PER_CALL = 16;

const empty = (source: Source): HistoryAnswer => ({ source, bucketMs: 0, samples: [] });

/**
 * Reads a point's history with at most `maxPoints` buckets, from the finest stored series that
 * covers the range: raw samples as they are when they fit; otherwise a series no finer than the
 * bucket width (a month of 10-second samples reads the 1-minute rollup), aggregated into buckets
 * that are whole multiples of its period. Where retention has already removed the raw samples
 * (or a rollup) of the range, a coarser series that still holds it is read instead.
 */
export class HistoryReader {
  private readonly first: Record<Source, Statement>;
  private readonly rawCount;
  private readonly rawRows;
  private readonly grouped: Record<Source, Statement>;
  private readonly rangeAgg: Record<Rollup, Statement>;
  private readonly rangeQuality: Record<Rollup, Statement>;

  constructor(private readonly db: Db) {
    const time = (s: Source) => (s === 'raw' ? 'ts' : 'bucket');
    const bySource = <S extends Source>(list: S[], sql: (s: S) => string, raw = false) =>
      Object.fromEntries(list.map((s) => [s, raw ? db.prepare(sql(s)).raw() : db.prepare(sql(s))])) as Record<S, Statement>;
    this.first = bySource(
      sources,
      (s) => `SELECT ${time(s)} FROM ${table[s]} WHERE point_id = ? AND ${time(s)} >= ? AND ${time(s)} < ? ORDER BY ${time(s)} LIMIT 1`,
    );
    for (const s of sources) this.first[s].pluck();
    this.rawCount = db
      .prepare('SELECT count(*) FROM (SELECT 1 FROM samples WHERE point_id = ? AND ts >= ? AND ts < ? LIMIT ?)')
      .pluck();
    this.rawRows = db.prepare('SELECT ts, value, quality FROM samples WHERE point_id = ? AND ts >= ? AND ts < ? ORDER BY ts');
    // Raw rows are rolled up on the fly with the same columns a rollup row has.
    const cols = (s: Source) =>
      s === 'raw'
        ? { t: 'ts', min: 'value', max: 'value', sum: 'value', count: '1' }
        : { t: 'bucket', min: 'min', max: 'max', sum: 'sum', count: 'count' };
    this.grouped = bySource(sources, (s) => {
      const c = cols(s);
      return `SELECT CAST((${c.t} - @from) / @width AS INTEGER) AS k, min(${c.min}), max(${c.max}), sum(${c.sum}),
                     sum(${c.count}), ${BIT_OR_QUALITY}
              FROM ${table[s]} WHERE point_id = @point AND ${c.t} >= @from AND ${c.t} < @to
              GROUP BY k ORDER BY k`;
    }, true);
    this.rangeAgg = bySource(
      rollups,
      (s) =>
        Array.from(
          { length: RANGES_PER_CALL },
          () => `SELECT ? AS lo, min(min), max(max), sum(sum), sum(count), min(quality), max(quality)
                 FROM ${table[s]} WHERE point_id = ? AND bucket >= ? AND bucket < ?`,
        ).join(' UNION ALL '),
      true,
    );
    this.rangeQuality = bySource(rollups, (s) => `SELECT ${BIT_OR_QUALITY} FROM ${table[s]} WHERE point_id = ? AND bucket >= ? AND bucket < ?`);
    for (const s of rollups) this.rangeQuality[s].pluck();
  }

  /** EXPLAIN QUERY PLAN of every statement, for the bench and tests: each must search a primary key. */
  queryPlans(): { sql: string; plan: string[] }[] {
    const all = [
      ...sources.flatMap((s) => [this.first[s], this.grouped[s]]),
      ...rollups.flatMap((s) => [this.rangeAgg[s], this.rangeQuality[s]]),
      this.rawCount,
      this.rawRows,
    ];
    return all.map((stmt) => {
      const sql = stmt.source.replace(/\s+/g, ' ').trim();
      // Any bound value gives the same plan; bind each parameter to 0.
      const names = [...new Set(sql.match(/@\w+/g) ?? [])];
      const params = names.length > 0 ? [Object.fromEntries(names.map((n) => [n.slice(1), 0]))] : Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 0);
      const plan = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      return { sql, plan: plan.map((r) => r.detail) };
    });
  }

  query(point: number, from: number, to: number, maxPoints: number): HistoryAnswer {
    const covering = this.coveringSeries(point, from, to);
    if (covering === null) return empty('raw');
    if (covering === 'raw' && (this.rawCount.get(point, from, to, maxPoints + 1) as number) <= maxPoints) {
      const rows = this.rawRows.all(point, from, to) as { ts: number; value: number; quality: number }[];
      return {
        source: 'raw',
        bucketMs: 0,
        samples: rows.map((r) => ({ ts: r.ts, value: r.value, min: r.value, max: r.value, count: 1, quality: r.quality })),
      };
    }
    const wanted = Math.ceil((to - from) / maxPoints);
    const byWidth: Source = wanted < MINUTE ? 'raw' : wanted < HOUR ? '1m' : '1h';
    const source = sources[Math.max(sources.indexOf(covering), sources.indexOf(byWidth))]!;
    const p = period[source];
    // Buckets start on the series' period, so each holds whole rollup rows, and the widened span
    // still fits in `maxPoints` buckets.
    const start = Math.floor(from / p) * p;
    const width = Math.ceil(Math.ceil((to - start) / maxPoints) / p) * p;
    const samples =
      source !== 'raw' && width / p >= ROWS_PER_BUCKET_FOR_SEEKS
        ? this.bucketsBySeeks(source, point, start, to, width)
        : this.bucketsByGroup(source, point, start, to, width);
    return { source, bucketMs: width, samples };
  }

  /**
   * The finest series whose first row in the range is no later than the first row of every coarser
   * series (within that series' period): the finest one that reaches as far back as any does.
   */
  private coveringSeries(point: number, from: number, to: number): Source | null {
    const first = sources.map((s) => this.first[s].get(point, Math.floor(from / period[s]) * period[s], to) as number | undefined);
    for (let i = 0; i < sources.length; i++) {
      const t = first[i];
      if (t === undefined) continue;
      let covers = true;
      for (let j = i + 1; j < sources.length; j++) {
        const coarser = first[j];
        if (coarser !== undefined && t >= coarser + period[sources[j]!]) covers = false;
      }
      if (covers) return sources[i]!;
    }
    return null;
  }

  private bucketsByGroup(source: Source, point: number, from: number, to: number, width: number): Bucket[] {
    const rows = this.grouped[source].all({ point, from, to, width }) as [number, number, number, number, number, number][];
    return rows.map(([k, min, max, sum, count, quality]) => ({ ts: from + k * width, value: sum / count, min, max, count, quality }));
  }

  private bucketsBySeeks(source: Rollup, point: number, from: number, to: number, width: number): Bucket[] {
    const agg = this.rangeAgg[source];
    const out: Bucket[] = [];
    const args: number[] = [];
    for (let first = from; first < to; first += width * RANGES_PER_CALL) {
      args.length = 0;
      for (let i = 0; i < RANGES_PER_CALL; i++) {
        // Past `to`, empty ranges pad the last call; they come back with a null count.
        const lo = Math.min(first + i * width, to);
        args.push(lo, point, lo, Math.min(lo + width, to));
      }
      for (const row of agg.all(...args) as [number, number, number, number, number | null, number, number][]) {
        const [lo, min, max, sum, count, qMin, qMax] = row;
        if (count === null) continue;
        // Quality is nearly always the same across a bucket; OR the bits only when it is not.
        const quality = qMin === qMax ? qMax : (this.rangeQuality[source].get(point, lo, Math.min(lo + width, to)) as number);
        out.push({ ts: lo, value: sum / count, min, max, count, quality });
      }
    }
    return out;
  }

}
