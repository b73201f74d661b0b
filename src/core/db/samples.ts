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

/**
 * Raw samples and their 1-minute and 1-hour rollups, written together in one transaction
 * so that the rollups never disagree with the samples they summarise. Given the site's
 * StorageRows, it counts the rows it adds, which is what `storage.usage` reports.
 */
export class SampleStore {
  private readonly insertSample;
  private readonly upsert1m;
  private readonly upsert1h;
  private readonly appendTx;

  constructor(
    db: Db,
    private readonly rows?: StorageRows,
  ) {
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
    this.appendTx = db.transaction((batch: SampleBatch): AppendResult => this.appendInTx(batch));
  }

  /** Stores a batch and folds it into the rollups; one transaction. */
  append(batch: SampleBatch): AppendResult {
    if (batch.size === 0) return { stored: 0, duplicates: 0 };
    try {
      return this.appendTx(batch);
    } catch (err) {
      // Rolled back after some rows were counted: have the counters rebuilt from the tables.
      this.rows?.invalidate();
      throw err;
    }
  }

  private appendInTx(batch: SampleBatch): AppendResult {
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
      } else {
        if (v < acc.min) acc.min = v;
        if (v > acc.max) acc.max = v;
        acc.sum += v;
        acc.count++;
        if (t >= acc.lastTs) {
          acc.last = v;
          acc.lastTs = t;
        }
        acc.quality |= q;
      }
    }
    const hours = new Map<number, Acc>();
    for (const m of minutes.values()) {
      if (this.write(this.upsert1m, m)) this.rows?.addRollup(M1, m.pointId);
      const hourBucket = Math.floor(m.bucket / HOUR) * HOUR;
      const key = m.pointId * KEY_SHIFT + hourBucket / HOUR;
      const h = hours.get(key);
      if (h === undefined) hours.set(key, { ...m, bucket: hourBucket });
      else {
        h.min = Math.min(h.min, m.min);
        h.max = Math.max(h.max, m.max);
        h.sum += m.sum;
        h.count += m.count;
        if (m.lastTs >= h.lastTs) {
          h.last = m.last;
          h.lastTs = m.lastTs;
        }
        h.quality |= m.quality;
      }
    }
    for (const h of hours.values()) if (this.write(this.upsert1h, h)) this.rows?.addRollup(H1, h.pointId);
    return { stored, duplicates: pointIds.length - stored };
  }

  /** Upserts one rollup bucket; true when the row is new (its count is only what this batch added). */
  private write(stmt: typeof this.upsert1m, a: Acc): boolean {
    return stmt.get(a.pointId, a.bucket, a.min, a.max, a.sum, a.count, a.last, a.lastTs, a.quality) === a.count;
  }
}
