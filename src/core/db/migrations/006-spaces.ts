import type Database from 'better-sqlite3';

export function m006Spaces(db: Database.Database): void {
  db.exec(`
    -- The building model: storeys and spaces, as an import (the demo building, later IFC) gives them.
    -- Points keep their space as text (points.space_id) so that a space may be named before it is modelled.
    -- source: which import wrote the row; an import replaces the rows of its own source only.
    CREATE TABLE storeys (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      elevation_m REAL NOT NULL,
      height_m REAL,
      geometry_ref TEXT,
      source TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE spaces (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      use TEXT,
      -- Deferred, so that an import may write a space before the storey or parent it names.
      storey_id TEXT REFERENCES storeys(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
      parent_id TEXT REFERENCES spaces(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
      area_m2 REAL,
      -- JSON [[x, y], ...] in metres on the storey's floor, counter-clockwise.
      footprint TEXT,
      -- IFC GlobalId or glTF node name of the space's geometry.
      geometry_ref TEXT,
      source TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX spaces_storey ON spaces(storey_id);
    CREATE INDEX spaces_parent ON spaces(parent_id);
  `);
}
