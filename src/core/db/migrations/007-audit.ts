import type Database from 'better-sqlite3';

export function m007Audit(db: Database.Database): void {
  db.exec(`
    -- Who did what: append-only, each row chained to the one before by a SHA-256 hash
    -- (see src/core/auth/audit/audit-log.ts for what the hash covers). Triggers refuse
    -- updates and deletes through SQL; a change made around them breaks the chain.
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      user TEXT NOT NULL,
      role TEXT NOT NULL,
      via TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT NOT NULL,
      -- JSON, or NULL
      before TEXT,
      after TEXT,
      outcome TEXT NOT NULL,
      detail TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE INDEX audit_log_at ON audit_log (at);
    CREATE INDEX audit_log_action ON audit_log (action, at);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `);
}
