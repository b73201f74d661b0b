import type Database from 'better-sqlite3';

/**
 * Rows each point holds in every series, and its oldest and newest raw sample: what
 * `storage.usage` reports without counting 100 million rows on each call. Kept in memory
 * by the sample store and saved here periodically; recounted after an unclean shutdown.
 */
export function m005StorageRows(db: Database.Database): void {
  db.exec(`
    CREATE TABLE storage_rows (
      point_id INTEGER PRIMARY KEY,
      raw INTEGER NOT NULL,
      m1 INTEGER NOT NULL,
      h1 INTEGER NOT NULL,
      oldest INTEGER,
      newest INTEGER
    );
  `);
}
