import type { Db } from './database';
import { seriesTables, seriesTimeColumns, type SeriesIndex, type StorageRows } from './storage-rows';

/** What to delete: one series of one point, rows older than `before` (all rows when null). */
export interface DeleteStep {
  pointId: number;
  series: SeriesIndex;
  before: number | null;
}

export interface DeleteResult {
  /** Rows deleted per series: raw, 1m, 1h. */
  deleted: [number, number, number];
  points: number;
  /** False when the core began stopping before every step was done. */
  complete: boolean;
}

/** Rows per transaction: short enough that an ingest batch waits a few milliseconds at most. */
export const DEFAULT_CHUNK_ROWS = 5000;

export const yieldToIngest = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Deletes history in small transactions, yielding to the event loop between them so the
 * ingest path keeps committing, and keeps the row counters in step. Retention sweeps and
 * purges run one at a time through `exclusive`, so two never interleave their chunks.
 */
export class RowDeleter {
  private readonly deleteChunk;
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly rows: StorageRows,
    private readonly chunkRows = DEFAULT_CHUNK_ROWS,
  ) {
    // DELETE … ORDER BY … LIMIT needs SQLITE_ENABLE_UPDATE_DELETE_LIMIT, which better-sqlite3's bundled SQLite has.
    // The primary key (point_id, time) makes each chunk a range at the old end of one point's rows.
    this.deleteChunk = seriesTables.map((table, s) => {
      const col = seriesTimeColumns[s]!;
      return db.prepare(`DELETE FROM ${table} WHERE point_id = ? AND ${col} < ? ORDER BY ${col} LIMIT ?`);
    });
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** Runs `task` after every task queued before it. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops queued and running work at its next chunk boundary; resolves once it has. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.queue;
  }

  async delete(steps: Iterable<DeleteStep>): Promise<DeleteResult> {
    const deleted: [number, number, number] = [0, 0, 0];
    const touched = new Set<number>();
    const it = steps[Symbol.iterator]();
    // One transaction per chunk: steps run until `chunkRows` rows are gone (the step that fills the
    // chunk resumes in the next one) or `chunkRows` steps are done, then the event loop gets a turn.
    const chunk = this.db.transaction((first: IteratorResult<DeleteStep>): IteratorResult<DeleteStep> => {
      let left = this.chunkRows;
      let seeks = 0;
      let cur = first;
      while (!cur.done && seeks++ < this.chunkRows) {
        const step = cur.value;
        const n = this.deleteChunk[step.series]!.run(step.pointId, step.before ?? Number.MAX_SAFE_INTEGER, left).changes;
        if (n > 0) {
          deleted[step.series] += n;
          touched.add(step.pointId);
          this.rows.removed(step.series, step.pointId, n);
          left -= n;
          if (left === 0) return cur;
        }
        cur = it.next();
      }
      return cur;
    });
    let cur = it.next();
    while (!cur.done) {
      if (this.stopping) return { deleted, points: touched.size, complete: false };
      try {
        cur = chunk(cur);
      } catch (err) {
        // Rolled back after the counters were lowered: have them rebuilt from the tables.
        this.rows.invalidate();
        throw err;
      }
      await yieldToIngest();
    }
    return { deleted, points: touched.size, complete: true };
  }
}
