import type Database from 'better-sqlite3';

export function m004DeviceProfiles(db: Database.Database): void {
  db.exec(`
    -- Devices registered by hand from a profile; matched profiles of discovered devices are not stored.
    CREATE TABLE device_profiles (
      device_id INTEGER PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
      profile TEXT NOT NULL,
      -- Overrides the profile's publish interval for this device; NULL keeps the profile's.
      expected_interval_s REAL,
      registered_at INTEGER NOT NULL
    );

    -- A point's own quality limits (JSON of QualityLimits), over the built-in table and its profile.
    CREATE TABLE point_limits (
      point_id INTEGER PRIMARY KEY REFERENCES points(id) ON DELETE CASCADE,
      limits TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `);
}
