import { Footprint, type SpaceModel, type SpaceRecord, type StoreyRecord } from '../../shared/contract/schemas/spaces';
import type { Db } from './database';

/** A row of the model with the import that wrote it. */
export type StoredStorey = StoreyRecord & { source: string };
export type StoredSpace = SpaceRecord & { source: string };

interface StoreyRow {
  id: string;
  name: string;
  elevation_m: number;
  height_m: number | null;
  geometry_ref: string | null;
  source: string;
}

interface SpaceRow {
  id: string;
  name: string;
  use: string | null;
  storey_id: string | null;
  parent_id: string | null;
  area_m2: number | null;
  footprint: string | null;
  geometry_ref: string | null;
  source: string;
}

/** Only our own writes fill the column, after validation; a footprint that no longer reads is shown as none, and its row is kept. */
function readFootprint(text: string | null): Footprint | null {
  if (text === null) return null;
  try {
    const parsed = Footprint.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The `storeys` and `spaces` tables: the building model, one set of rows per import source. */
export class SpaceTable {
  private readonly upsertStorey;
  private readonly upsertSpace;
  private readonly deleteStorey;
  private readonly deleteSpace;

  constructor(private readonly db: Db) {
    this.upsertStorey = db.prepare(`
      INSERT INTO storeys (id, name, elevation_m, height_m, geometry_ref, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, elevation_m = excluded.elevation_m, height_m = excluded.height_m,
        geometry_ref = excluded.geometry_ref, source = excluded.source, updated_at = excluded.updated_at`);
    this.upsertSpace = db.prepare(`
      INSERT INTO spaces (id, name, use, storey_id, parent_id, area_m2, footprint, geometry_ref, source, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, use = excluded.use, storey_id = excluded.storey_id,
        parent_id = excluded.parent_id, area_m2 = excluded.area_m2, footprint = excluded.footprint,
        geometry_ref = excluded.geometry_ref, source = excluded.source, updated_at = excluded.updated_at`);
    this.deleteStorey = db.prepare('DELETE FROM storeys WHERE id = ?');
    this.deleteSpace = db.prepare('DELETE FROM spaces WHERE id = ?');
  }

  storeys(): StoredStorey[] {
    return (this.db.prepare('SELECT * FROM storeys').all() as StoreyRow[]).map((r) => ({
      id: r.id,
      name: r.name,
      elevationM: r.elevation_m,
      heightM: r.height_m,
      geometryRef: r.geometry_ref,
      source: r.source,
    }));
  }

  spaces(): StoredSpace[] {
    return (this.db.prepare('SELECT * FROM spaces').all() as SpaceRow[]).map((r) => ({
      id: r.id,
      name: r.name,
      use: r.use,
      storeyId: r.storey_id,
      parentId: r.parent_id,
      areaM2: r.area_m2,
      footprint: readFootprint(r.footprint),
      geometryRef: r.geometry_ref,
      source: r.source,
    }));
  }

  /**
   * Writes a source's model in one transaction: its rows are upserted, and the rows it held
   * before that the new model leaves out are deleted. The caller checks the model first.
   */
  replace(source: string, model: SpaceModel, removed: { storeys: readonly string[]; spaces: readonly string[] }, at: number): void {
    this.db.transaction(() => {
      for (const id of removed.spaces) this.deleteSpace.run(id);
      for (const id of removed.storeys) this.deleteStorey.run(id);
      for (const s of model.storeys) this.upsertStorey.run(s.id, s.name, s.elevationM, s.heightM, s.geometryRef, source, at);
      for (const s of model.spaces) {
        const footprint = s.footprint === null ? null : JSON.stringify(s.footprint);
        this.upsertSpace.run(s.id, s.name, s.use, s.storeyId, s.parentId, s.areaM2, footprint, s.geometryRef, source, at);
      }
    })();
  }
}
