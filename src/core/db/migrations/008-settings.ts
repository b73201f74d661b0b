import type Database from 'better-sqlite3';

export function m008Settings(db: Database.Database): void {
  db.exec(`
    -- Site settings changed at run time (idle lock, annunciation, backups, approvals...): one JSON value
    -- per key, each key owned and validated by its area (see src/core/db/settings.ts).
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      updated_by TEXT NOT NULL
    );
  `);
}
