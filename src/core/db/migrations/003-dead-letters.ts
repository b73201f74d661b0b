import type Database from 'better-sqlite3';

/** Refused messages with their raw bytes, kept to a bounded number of rows (the oldest are deleted). */
export function m003DeadLetters(db: Database.Database): void {
  db.exec(`
    CREATE TABLE dead_letters (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      link_id TEXT NOT NULL,
      topic TEXT NOT NULL,
      reason TEXT NOT NULL,
      message TEXT NOT NULL,
      -- The payload's first bytes; size is its full length.
      raw BLOB NOT NULL,
      size INTEGER NOT NULL
    );
  `);
}
