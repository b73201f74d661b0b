import type { Db } from './database';
import { H1, M1, type StorageRows } from './storage-rows';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Rollup accumulators are keyed by point and minute in one safe integer (minutes < 2^26 until 2097). */
const KEY_SHIFT = 2 ** 26;

interface Acc {
  pointId: number;
  bucket: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  lastTs: number;
  quality: number;
}

/** Samples waiting for the next transaction, in parallel arrays to keep the hot path allocation-free. */
export class SampleBatch {
  pointIds: number[] = [];
  ts: number[] = [];
  values: number[] = [];
  quality: number[] = [];

  get size(): number {
    return this.pointIds.length;
  }

  push(pointId: number, ts: number, value: number, quality: number): void {
    this.pointIds.push(pointId);
    this.ts.push(ts);
    this.values.push(value);
    this.quality.push(quality);
  }
}

export interface AppendResult {
  stored: number;
  /** Samples whose (point, time) was already stored: ignored, counted as duplicates. */
  duplicates: number;
}

export interface SampleStoreOptions {
  /**
   * Rollups of recent minutes are kept in memory and written at most this often (0: with every
   * batch). At 100,000 samples a second over 1,000 points that is 2,000 rollup writes a second
   * instead of one per point per batch. See `pendingFrom` for what a crash leaves and how it is
   * repaired.
   */
  rollupFlushMs?: number;
}

/** Minutes older than this are rolled up in the batch's own transaction: late data is rare and never deferred. */
const DEFER_WINDOW_MS = 2 * MINUTE;
/** meta key: the earliest sample time whose rollup may not be written yet (absent: all written). */
const PENDING_KEY = 'rollups_pending_from';

/**
 * Raw samples and their 1-minute and 1-hour rollups. Rollups of recent minutes are accumulated
 * in memory and merged into their rows every `rollupFlushMs`; everything else is written in the
 * batch's transaction. The earliest time still pending is recorded in the same transactions, so
 * after a crash the rollups from that time on are recomputed from the raw samples at start.
 * Given the site's StorageRows, it counts the rows it adds, which is what `storage.usage` reports.
 */
export class SampleStore {
  private readonly insertSample;
  private readonly upsert1m;
  private readonly upsert1h;
  private readonly appendTx;
  private readonly flushTx;
  private readonly setPending;
  private readonly clearPending;
  private readonly flushMs: number;
  /** Minute accumulators not written yet: only what committed batches added. */
  private open = new Map<number, Acc>();
  /** Earliest sample time among `open`, as recorded in the database. */
  private pendingFrom = Infinity;
  private lastFlush = 0;

  constructor(
    private readonly db: Db,
    private readonly rows?: StorageRows,
    options: SampleStoreOptions = {},
  ) {
    this.flushMs = options.rollupFlushMs ?? 0;
    this.insertSample = db.prepare('INSERT OR IGNORE INTO samples (point_id, ts, value, quality) VALUES (?, ?, ?, ?)');
    const upsert = (table: string) =>
      db.prepare(`
        INSERT INTO ${table} (point_id, bucket, min, max, sum, count, last, last_ts, quality)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (point_id, bucket) DO UPDATE SET
          min = min(min, excluded.min),
          max = max(max, excluded.max),
          sum = sum + excluded.sum,
          count = count + excluded.count,
          last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END,
          last_ts = max(last_ts, excluded.last_ts),
          quality = quality | excluded.quality
        RETURNING count`).pluck();
    this.upsert1m = upsert('rollup_1m');
    this.upsert1h = upsert('rollup_1h');
    this.setPending = db.prepare(`INSERT INTO meta (key, value) VALUES ('${PENDING_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    this.clearPending = db.prepare(`DELETE FROM meta WHERE key = '${PENDING_KEY}'`);
    this.appendTx = db.transaction((batch: SampleBatch, now: number) => this.appendInTx(batch, now));
    this.flushTx = db.transaction(() => {
      this.writeRollups(this.open.values());
      this.clearPending.run();
    });
    this.repairAfterCrash();
  }

  /** Stores a batch and folds it into the rollups; one transaction. */
  append(batch: SampleBatch, now = Date.now()): AppendResult {
    if (batch.size === 0) return { stored: 0, duplicates: 0 };
    let outcome: ReturnType<SampleStore['appendInTx']>;
    try {
      outcome = this.appendTx(batch, now);
    } catch (err) {
      // Rolled back after some rows were counted: have the counters rebuilt from the tables.
      this.rows?.invalidate();
      throw err;
    }
    // Only now, committed, do the batch's deferred minutes join the open ones.
    if (outcome.flushed) {
      this.open = outcome.deferred;
      this.lastFlush = now;
    } else mergeInto(this.open, outcome.deferred.values());
    this.pendingFrom = outcome.pendingFrom;
    return outcome.result;
  }

  /** Writes every rollup held in memory: before a purge, and at stop. */
  flushRollups(): void {
    if (this.open.size === 0) return;
    this.flushTx();
    this.open = new Map();
    this.pendingFrom = Infinity;
    this.lastFlush = Date.now();
  }

  private appendInTx(batch: SampleBatch, now: number) {
    const minutes = new Map<number, Acc>();
    const { pointIds, ts, values, quality } = batch;
    let stored = 0;
    for (let i = 0; i < pointIds.length; i++) {
      const p = pointIds[i]!;
      const t = ts[i]!;
      const v = values[i]!;
      const q = quality[i]!;
      if (this.insertSample.run(p, t, v, q).changes === 0) continue;
      stored++;
      this.rows?.addSample(p, t);
      const bucket = Math.floor(t / MINUTE);
      const key = p * KEY_SHIFT + bucket;
      const acc = minutes.get(key);
      if (acc === undefined) {
        minutes.set(key, { pointId: p, bucket: bucket * MINUTE, min: v, max: v, sum: v, count: 1, last: v, lastTs: t, quality: q });
      } else fold(acc, { min: v, max: v, sum: v, count: 1, last: v, lastTs: t, quality: q });
    }
    const result = { stored, duplicates: pointIds.length - stored };
    const flushed = this.flushMs === 0 || now - this.lastFlush >= this.flushMs;
    if (flushed) {
      // Everything held so far plus this batch, written now; `this.open` is replaced only after the commit.
      const all = new Map<number, Acc>();
      for (const [k, a] of this.open) all.set(k, { ...a });
      mergeInto(all, minutes.values());
      this.writeRollups(all.values());
      if (this.pendingFrom !== Infinity) this.clearPending.run();
      return { result, flushed, deferred: new Map<number, Acc>(), pendingFrom: Infinity };
    }
    const deferred = new Map<number, Acc>();
    const late: Acc[] = [];
    let pendingFrom = this.pendingFrom;
    for (const [k, a] of minutes) {
      if (a.bucket < now - DEFER_WINDOW_MS) late.push(a);
      else {
        deferred.set(k, a);
        if (a.bucket < pendingFrom) pendingFrom = a.bucket;
      }
    }
    this.writeRollups(late);
    if (pendingFrom < this.pendingFrom) this.setPending.run(String(pendingFrom));
    return { result, flushed, deferred, pendingFrom };
  }

  /** Merges minute accumulators into their 1-minute rows and, summed per hour, into their 1-hour rows. */
  private writeRollups(minutes: Iterable<Acc>): void {
    const hours = new Map<number, Acc>();
    for (const m of minutes) {
      if (this.write(this.upsert1m, m)) this.rows?.addRollup(M1, m.pointId);
      const hourBucket = Math.floor(m.bucket / HOUR) * HOUR;
      const key = m.pointId * KEY_SHIFT + hourBucket / HOUR;
      const h = hours.get(key);
      if (h === undefined) hours.set(key, { ...m, bucket: hourBucket });
      else fold(h, m);
    }
    for (const h of hours.values()) if (this.write(this.upsert1h, h)) this.rows?.addRollup(H1, h.pointId);
  }

  /** Upserts one rollup bucket; true when the row is new (its count is only what this write added). */
  private write(stmt: typeof this.upsert1m, a: Acc): boolean {
    return stmt.get(a.pointId, a.bucket, a.min, a.max, a.sum, a.count, a.last, a.lastTs, a.quality) === a.count;
  }

  /**
   * The process ended with rollups still in memory: recompute every rollup from the recorded
   * time on from the raw samples, which were committed. The window is at most a few minutes
   * (late data is never deferred), well inside any raw retention.
   */
  private repairAfterCrash(): void {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = '${PENDING_KEY}'`).get() as { value: string } | undefined;
    if (!row) return;
    const from = Number(row.value);
    const recompute = (table: string, width: number) =>
      this.db.prepare(`
        INSERT OR REPLACE INTO ${table} (point_id, bucket, min, max, sum, count, last, last_ts, quality)
        SELECT a.point_id, a.bucket, a.mn, a.mx, a.sm, a.n, s.value, a.lts, a.q
        FROM (SELECT point_id, CAST(ts / ${width} AS INTEGER) * ${width} AS bucket, min(value) AS mn, max(value) AS mx,
                     sum(value) AS sm, count(*) AS n, max(ts) AS lts, ${BIT_OR_QUALITY} AS q
              FROM samples WHERE point_id = @point AND ts >= @from GROUP BY bucket) AS a
        JOIN samples AS s ON s.point_id = a.point_id AND s.ts = a.lts`);
    const minute = recompute('rollup_1m', MINUTE);
    const hour = recompute('rollup_1h', HOUR);
    const points = this.db.prepare('SELECT id FROM points').pluck().all() as number[];
    this.db.transaction(() => {
      for (const point of points) {
        minute.run({ point, from: Math.floor(from / MINUTE) * MINUTE });
        hour.run({ point, from: Math.floor(from / HOUR) * HOUR });
      }
      this.clearPending.run();
    })();
    // Rows may have been added without being counted.
    this.rows?.invalidate();
  }
}

/** SQLite has no bitwise-OR aggregate; OR the per-bit maxima of the 8 quality bits instead. */
export const BIT_OR_QUALITY = Array.from({ length: 8 }, (_, b) => `max(quality & ${1 << b})`).join(' | ');

function fold(into: Omit<Acc, 'pointId' | 'bucket'>, a: Omit<Acc, 'pointId' | 'bucket'>): void {
  if (a.min < into.min) into.min = a.min;
  if (a.max > into.max) into.max = a.max;
  into.sum += a.sum;
  into.count += a.count;
  if (a.lastTs >= into.lastTs) {
    into.last = a.last;
    into.lastTs = a.lastTs;
  }
  into.quality |= a.quality;
}

function mergeInto(target: Map<number, Acc>, accs: Iterable<Acc>): void {
  for (const a of accs) {
    const key = a.pointId * KEY_SHIFT + a.bucket / MINUTE;
    const cur = target.get(key);
    if (cur === undefined) target.set(key, a);
    else fold(cur, a);
  }
}
