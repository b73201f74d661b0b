import type { DeadLetter, DeadLetterReason } from '../../shared/contract/schemas/ingest';
import type { Db } from './database';

/** One refused message as it is written. */
export interface DeadLetterRow {
  at: number;
  linkId: string;
  topic: string;
  reason: DeadLetterReason;
  message: string;
  /** The payload's first bytes, already cut to the kept length. */
  raw: Buffer;
  /** The payload's full length. */
  size: number;
}

export interface DeadLetterFilter {
  reason?: DeadLetterReason | undefined;
  linkId?: string | undefined;
  /** Only rows older than this id. */
  before?: number | undefined;
  limit: number;
}

interface StoredRow {
  id: number;
  at: number;
  link_id: string;
  topic: string;
  reason: DeadLetterReason;
  message: string;
  raw: Buffer;
  size: number;
}

/**
 * The `dead_letters` table: at most `capacity` rows, the oldest deleted as new ones come.
 * Rows are written in batches (one transaction each), never one statement per refused message.
 */
export class DeadLetterTable {
  private readonly insert;
  private readonly trim;
  private readonly writeTx;
  private readonly page;
  private readonly counts;

  constructor(
    db: Db,
    readonly capacity: number,
  ) {
    this.insert = db.prepare('INSERT INTO dead_letters (at, link_id, topic, reason, message, raw, size) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // Ids only grow (rows leave oldest first), so everything `capacity` ids behind the newest is surplus.
    this.trim = db.prepare('DELETE FROM dead_letters WHERE id <= ?');
    this.writeTx = db.transaction((rows: readonly DeadLetterRow[]) => {
      let last = 0;
      for (const r of rows) last = Number(this.insert.run(r.at, r.linkId, r.topic, r.reason, r.message, r.raw, r.size).lastInsertRowid);
      this.trim.run(last - this.capacity);
    });
    // The table is small (capacity rows): a walk down the primary key with the filters applied is enough.
    this.page = db.prepare(`
      SELECT id, at, link_id, topic, reason, message, raw, size FROM dead_letters
      WHERE (@reason IS NULL OR reason = @reason) AND (@linkId IS NULL OR link_id = @linkId) AND id < @before
      ORDER BY id DESC LIMIT @limit`);
    this.counts = db.prepare('SELECT reason, count(*) AS n FROM dead_letters GROUP BY reason');
  }

  write(rows: readonly DeadLetterRow[]): void {
    if (rows.length > 0) this.writeTx(rows);
  }

  /** Newest first; `more` tells whether older rows match beyond `limit`. */
  list(filter: DeadLetterFilter): { entries: DeadLetter[]; more: boolean } {
    const rows = this.page.all({
      reason: filter.reason ?? null,
      linkId: filter.linkId ?? null,
      before: filter.before ?? Number.MAX_SAFE_INTEGER,
      limit: filter.limit + 1,
    }) as StoredRow[];
    const more = rows.length > filter.limit;
    const entries = rows.slice(0, filter.limit).map((r) => ({
      id: r.id,
      at: r.at,
      linkId: r.link_id,
      topic: r.topic,
      reason: r.reason,
      message: r.message,
      raw: r.raw.toString('base64'),
      size: r.size,
    }));
    return { entries, more };
  }

  /** Rows per reason in the table. */
  countByReason(): Map<DeadLetterReason, number> {
    const out = new Map<DeadLetterReason, number>();
    for (const r of this.counts.all() as { reason: DeadLetterReason; n: number }[]) out.set(r.reason, r.n);
    return out;
  }
}
