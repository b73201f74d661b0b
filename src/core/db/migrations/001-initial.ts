import type Database from 'better-sqlite3';

export function m001Initial(db: Database.Database): void {
  db.exec(`
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE devices (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      link_id TEXT,
      space_id TEXT,
      created_at INTEGER NOT NULL
    );

    CREATE TABLE points (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      value_type TEXT NOT NULL,
      unit TEXT,
      tags TEXT NOT NULL DEFAULT '[]',
      space_id TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX points_device ON points(device_id);

    -- Raw samples: 4 integers/reals a row, clustered by point then time.
    CREATE TABLE samples (
      point_id INTEGER NOT NULL,
      ts INTEGER NOT NULL,
      value REAL NOT NULL,
      quality INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (point_id, ts)
    ) WITHOUT ROWID;

    -- Rollups keep the sum, not the mean, so that partial buckets merge exactly.
    CREATE TABLE rollup_1m (
      point_id INTEGER NOT NULL,
      bucket INTEGER NOT NULL,
      min REAL NOT NULL,
      max REAL NOT NULL,
      sum REAL NOT NULL,
      count INTEGER NOT NULL,
      last REAL NOT NULL,
      last_ts INTEGER NOT NULL,
      quality INTEGER NOT NULL,
      PRIMARY KEY (point_id, bucket)
    ) WITHOUT ROWID;

    CREATE TABLE rollup_1h (
      point_id INTEGER NOT NULL,
      bucket INTEGER NOT NULL,
      min REAL NOT NULL,
      max REAL NOT NULL,
      sum REAL NOT NULL,
      count INTEGER NOT NULL,
      last REAL NOT NULL,
      last_ts INTEGER NOT NULL,
      quality INTEGER NOT NULL,
      PRIMARY KEY (point_id, bucket)
    ) WITHOUT ROWID;

    -- Latest value of each point, including text values that have no numeric history.
    CREATE TABLE point_latest (
      point_id INTEGER PRIMARY KEY,
      ts INTEGER NOT NULL,
      value REAL,
      text TEXT,
      quality INTEGER NOT NULL
    );
  `);
}
