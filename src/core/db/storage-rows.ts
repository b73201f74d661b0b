import type { Db } from './database';

/** Index of a stored series in the counters: raw samples, 1-minute rollup, 1-hour rollup. */
export const RAW = 0;
export const M1 = 1;
export const H1 = 2;
export type SeriesIndex = typeof RAW | typeof M1 | typeof H1;

export const seriesTables = ['samples', 'rollup_1m', 'rollup_1h'] as const;
/** The time column of each series' table, second in its primary key. */
export const seriesTimeColumns = ['ts', 'bucket', 'bucket'] as const;

const META_KEY = 'storage_rows';
/** Time a recount may hold the thread before it yields to ingest. */
const RECOUNT_SLICE_MS = 10;

const yieldToIngest = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Rows each point holds in each series, with the time of its oldest and newest raw sample.
 * The sample store counts what it commits (O(1) per sample, typed arrays indexed by point id),
 * deletes subtract what they removed, so `storage.usage` never counts rows. The counters are
 * saved in `storage_rows` periodically and at a clean close; after a crash they are recounted
 * point by point through the primary keys, in slices that yield to ingest.
 */
export class StorageRows {
  private rows: Float64Array[] = [new Float64Array(1024), new Float64Array(1024), new Float64Array(1024)];
  private oldestTs = new Float64Array(1024).fill(NaN);
  private newestTs = new Float64Array(1024).fill(NaN);
  private dirty = new Uint8Array(1024);
  private dirtyIds: number[] = [];
  /** Highest point id ever counted. */
  private maxId = 0;
  /** Bumped whenever the counters may have drifted from the tables; a recount started before is stale. */
  private generation = 0;
  private countedGeneration = 0;
  private changeCount = 0;

  private readonly upsertRow;
  private readonly deleteRow;
  private readonly counts;
  private readonly oldestOf;
  private readonly newestOf;
  private readonly maxIdOf;

  constructor(private readonly db: Db) {
    this.upsertRow = db.prepare(`
      INSERT INTO storage_rows (point_id, raw, m1, h1, oldest, newest) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (point_id) DO UPDATE SET raw = excluded.raw, m1 = excluded.m1, h1 = excluded.h1,
        oldest = excluded.oldest, newest = excluded.newest`);
    this.deleteRow = db.prepare('DELETE FROM storage_rows WHERE point_id = ?');
    this.counts = seriesTables.map((t) => db.prepare(`SELECT count(*) FROM ${t} WHERE point_id = ?`).pluck());
    this.oldestOf = db.prepare('SELECT min(ts) FROM samples WHERE point_id = ?').pluck();
    this.newestOf = db.prepare('SELECT max(ts) FROM samples WHERE point_id = ?').pluck();
    this.maxIdOf = seriesTables.map((t) => db.prepare(`SELECT max(point_id) FROM ${t}`).pluck());
    this.load();
  }

  /** Grows with every row added or removed: whether usage changed since a moment, without reading it. */
  get changes(): number {
    return this.changeCount;
  }

  /** True when the counters match the tables (false until a recount after an unclean shutdown ends). */
  get exact(): boolean {
    return this.countedGeneration === this.generation;
  }

  /** One raw sample committed. The hot path: a few array operations. */
  addSample(pointId: number, ts: number): void {
    if (pointId >= this.dirty.length) this.grow(pointId);
    this.rows[RAW]![pointId]!++;
    if (!(ts >= this.oldestTs[pointId]!)) this.oldestTs[pointId] = ts;
    if (!(ts <= this.newestTs[pointId]!)) this.newestTs[pointId] = ts;
    this.touch(pointId);
  }

  /** One new rollup row (not an update of an existing bucket). */
  addRollup(series: typeof M1 | typeof H1, pointId: number): void {
    if (pointId >= this.dirty.length) this.grow(pointId);
    this.rows[series]![pointId]!++;
    this.touch(pointId);
  }

  /** Rows deleted from a series; the raw time range is read again from the primary key. */
  removed(series: SeriesIndex, pointId: number, count: number): void {
    if (pointId >= this.dirty.length || count === 0) return;
    const left = this.rows[series]![pointId]! - count;
    this.rows[series]![pointId] = left > 0 ? left : 0;
    if (series === RAW) this.readTimeRange(pointId);
    this.touch(pointId);
  }

  /** Something failed between counting and committing: the counters are rebuilt from the tables. */
  invalidate(): void {
    this.generation++;
  }

  rowsOf(series: SeriesIndex, pointId: number): number {
    return pointId < this.dirty.length ? this.rows[series]![pointId]! : 0;
  }

  oldest(pointId: number): number | null {
    const t = pointId < this.dirty.length ? this.oldestTs[pointId]! : NaN;
    return Number.isNaN(t) ? null : t;
  }

  newest(pointId: number): number | null {
    const t = pointId < this.dirty.length ? this.newestTs[pointId]! : NaN;
    return Number.isNaN(t) ? null : t;
  }

  /** Ids of the points holding at least one row in any series, ascending. */
  *pointIds(): Generator<number> {
    const [raw, m1, h1] = this.rows as [Float64Array, Float64Array, Float64Array];
    for (let p = 1; p <= this.maxId; p++) if (raw[p]! > 0 || m1[p]! > 0 || h1[p]! > 0) yield p;
  }

  /** Writes the counters that changed; `clean` marks them exact for the next start (at close). */
  save(clean = false): void {
    this.db.transaction(() => {
      for (const p of this.dirtyIds) {
        this.dirty[p] = 0;
        const raw = this.rows[RAW]![p]!;
        const m1 = this.rows[M1]![p]!;
        const h1 = this.rows[H1]![p]!;
        if (raw + m1 + h1 === 0) this.deleteRow.run(p);
        else this.upsertRow.run(p, raw, m1, h1, this.oldest(p), this.newest(p));
      }
      this.dirtyIds = [];
      this.setMeta(clean && this.exact ? 'clean' : 'dirty');
    })();
  }

  /**
   * Counts every point's rows again through the primary keys, yielding between slices so ingest
   * keeps running; samples committed meanwhile are counted by `addSample` as usual, since a point's
   * recount and any commit never interleave. Returns false when stopped before the end.
   */
  async recount(stopped: () => boolean): Promise<boolean> {
    const generation = this.generation;
    const last = Math.max(this.maxId, ...this.maxIdOf.map((s) => (s.get() as number | null) ?? 0));
    let sliceStart = performance.now();
    for (let p = 1; p <= last; p++) {
      if (performance.now() - sliceStart > RECOUNT_SLICE_MS) {
        await yieldToIngest();
        if (stopped()) return false;
        sliceStart = performance.now();
      }
      this.recountPoint(p);
    }
    this.countedGeneration = generation;
    return true;
  }

  private recountPoint(p: number): void {
    const counted = this.counts.map((s) => s.get(p) as number);
    if (counted.every((n) => n === 0) && this.rowsOf(RAW, p) + this.rowsOf(M1, p) + this.rowsOf(H1, p) === 0) return;
    if (p >= this.dirty.length) this.grow(p);
    counted.forEach((n, s) => (this.rows[s]![p] = n));
    this.readTimeRange(p);
    this.touch(p);
  }

  private readTimeRange(p: number): void {
    this.oldestTs[p] = (this.oldestOf.get(p) as number | null) ?? NaN;
    this.newestTs[p] = (this.newestOf.get(p) as number | null) ?? NaN;
  }

  private touch(p: number): void {
    this.changeCount++;
    if (p > this.maxId) this.maxId = p;
    if (this.dirty[p] === 0) {
      this.dirty[p] = 1;
      this.dirtyIds.push(p);
    }
  }

  private grow(p: number): void {
    let size = this.dirty.length;
    while (size <= p) size *= 2;
    this.rows = this.rows.map((a) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    });
    const widen = (a: Float64Array) => {
      const b = new Float64Array(size).fill(NaN);
      b.set(a);
      return b;
    };
    this.oldestTs = widen(this.oldestTs);
    this.newestTs = widen(this.newestTs);
    const dirty = new Uint8Array(size);
    dirty.set(this.dirty);
    this.dirty = dirty;
  }

  /** Counters saved at a clean close are exact; otherwise they are a starting point until recounted. */
  private load(): void {
    const state = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY) as string | undefined;
    const saved = this.db.prepare('SELECT point_id, raw, m1, h1, oldest, newest FROM storage_rows').raw().all() as [
      number,
      number,
      number,
      number,
      number | null,
      number | null,
    ][];
    for (const [p, raw, m1, h1, oldest, newest] of saved) {
      if (p >= this.dirty.length) this.grow(p);
      this.rows[RAW]![p] = raw;
      this.rows[M1]![p] = m1;
      this.rows[H1]![p] = h1;
      this.oldestTs[p] = oldest ?? NaN;
      this.newestTs[p] = newest ?? NaN;
      if (p > this.maxId) this.maxId = p;
    }
    // No state: a new file (nothing to count) or one made before the counters existed (count it).
    const fresh = state === undefined && this.maxIdOf.every((s) => s.get() === null);
    if (state !== 'clean' && !fresh) this.generation++;
    // Running from here on: a crash before the next clean close must not trust these counters.
    this.setMeta('dirty');
  }

  private setMeta(state: 'clean' | 'dirty'): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(META_KEY, state);
  }
}
