import type { Db } from './database';

export interface LatestRow {
  point_id: number;
  ts: number;
  value: number | null;
  text: string | null;
  quality: number;
}

/** The `point_latest` table: the last value of every point, restored at start. */
export class LatestTable {
  private readonly upsert;
  private readonly writeTx;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`
      INSERT INTO point_latest (point_id, ts, value, text, quality) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (point_id) DO UPDATE SET ts = excluded.ts, value = excluded.value, text = excluded.text, quality = excluded.quality
      WHERE excluded.ts >= point_latest.ts`);
    this.writeTx = db.transaction((rows: LatestRow[]) => {
      for (const r of rows) this.upsert.run(r.point_id, r.ts, r.value, r.text, r.quality);
    });
  }

  all(): LatestRow[] {
    return this.db.prepare('SELECT point_id, ts, value, text, quality FROM point_latest').all() as LatestRow[];
  }

  write(rows: LatestRow[]): void {
    if (rows.length > 0) this.writeTx(rows);
  }
}
