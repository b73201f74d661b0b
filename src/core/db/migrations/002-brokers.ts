import type Database from 'better-sqlite3';

/** Broker links saved through the contract; links from the configuration file are not stored. */
export function m002Brokers(db: Database.Database): void {
  db.exec(`
    CREATE TABLE brokers (
      id TEXT PRIMARY KEY,
      -- The link's settings as JSON, without the password.
      settings TEXT NOT NULL,
      -- The password sealed with the data directory's secret key (see secret-box.ts); NULL when there is none.
      password TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `);
}
