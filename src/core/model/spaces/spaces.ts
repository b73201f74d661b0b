import type { z } from 'zod';
import {
  SpaceModel,
  type Space,
  type SpacesGetOutput,
  type SpacesListInput,
  type SpacesListOutput,
  type Storey,
} from '../../../shared/contract/schemas/spaces';
import { describeIssues, notFound } from '../../../shared/errors';
import type { SpaceTable, StoredSpace, StoredStorey } from '../../db/spaces';
import type { Registry } from '../registry';

type ListFilter = z.output<typeof SpacesListInput>;

/** What points and devices place in one space. */
interface Usage {
  points: number[];
  devices: Set<number>;
}

/** What an import wrote, and how many rows of its source it removed. */
export interface ModelChange {
  storeys: number;
  spaces: number;
  removedStoreys: number;
  removedSpaces: number;
}

const collator = new Intl.Collator('en', { numeric: true });

/** The path a space id sits under: `hq/f2` of `hq/f2/r201` (space ids are `{building}/{storey}/{room}`). */
function parentPathOf(id: string): string | null {
  const cut = id.lastIndexOf('/');
  return cut > 0 ? id.slice(0, cut) : null;
}

/**
 * Problems of a model against the rows other sources keep (without those the model takes over);
 * empty when it may be written.
 */
function checkModel(model: SpaceModel, otherStoreys: ReadonlyMap<string, StoredStorey>, otherSpaces: ReadonlyMap<string, StoredSpace>): string[] {
  const problems: string[] = [];
  const storeys = new Set(otherStoreys.keys());
  for (const s of model.storeys) {
    if (storeys.has(s.id)) problems.push(`storey ${s.id}: listed twice`);
    storeys.add(s.id);
  }
  const parents = new Map<string, string | null>([...otherSpaces.values()].map((s) => [s.id, s.parentId]));
  const listed = new Set<string>();
  for (const s of model.spaces) {
    if (listed.has(s.id)) problems.push(`space ${s.id}: listed twice`);
    listed.add(s.id);
    parents.set(s.id, s.parentId);
  }
  for (const s of model.spaces) {
    if (s.storeyId !== null && !storeys.has(s.storeyId)) problems.push(`space ${s.id}: unknown storey ${s.storeyId}`);
    if (s.parentId !== null && !parents.has(s.parentId)) problems.push(`space ${s.id}: unknown parent ${s.parentId}`);
  }
  // A chain of parents must end: a space inside itself, directly or not, has no place in the building.
  for (const s of model.spaces) {
    const seen = new Set<string>([s.id]);
    for (let p = s.parentId; p !== null; p = parents.get(p) ?? null) {
      if (seen.has(p)) {
        problems.push(`space ${s.id}: its parents form a loop through ${p}`);
        break;
      }
      seen.add(p);
    }
  }
  // Rows of other sources keep their references: removing what they name would lose data.
  for (const s of otherSpaces.values()) {
    if (s.storeyId !== null && !storeys.has(s.storeyId)) problems.push(`storey ${s.storeyId} is still named by space ${s.id} (from ${s.source})`);
    if (s.parentId !== null && !parents.has(s.parentId)) problems.push(`space ${s.parentId} is still the parent of space ${s.id} (from ${s.source})`);
  }
  return problems;
}

/**
 * The building's storeys and spaces as the contract shows them: the model's rows, held in memory,
 * joined with the registry's points and devices. Spaces that points or devices name but the model
 * does not know are shown too, so that nothing placed in the building is hidden.
 */
export class SpaceDirectory {
  private storeys = new Map<string, StoredStorey>();
  private spaces = new Map<string, StoredSpace>();

  constructor(
    private readonly table: SpaceTable,
    private readonly registry: Registry,
  ) {
    this.reload();
  }

  private reload(): void {
    this.storeys = new Map(this.table.storeys().map((s) => [s.id, s]));
    this.spaces = new Map(this.table.spaces().map((s) => [s.id, s]));
  }

  /**
   * Replaces what `source` holds of the model with `model`: what it held before and leaves out is
   * deleted. The model is checked whole first; when anything is wrong, nothing is written and the
   * error names every problem.
   */
  replaceModel(source: string, model: SpaceModel, at = Date.now()): ModelChange {
    const parsed = SpaceModel.safeParse(model);
    if (!parsed.success) throw new Error(`the building model from ${source} is invalid: ${describeIssues(parsed.error.issues)}`);
    const otherStoreys = new Map([...this.storeys].filter(([, s]) => s.source !== source));
    const otherSpaces = new Map([...this.spaces].filter(([, s]) => s.source !== source));
    // A row another source wrote is taken over by this import when it lists the same id.
    for (const s of parsed.data.storeys) otherStoreys.delete(s.id);
    for (const s of parsed.data.spaces) otherSpaces.delete(s.id);
    const problems = checkModel(parsed.data, otherStoreys, otherSpaces);
    if (problems.length > 0) {
      const shown = problems.slice(0, 10).join('; ');
      throw new Error(`the building model from ${source} is inconsistent: ${shown}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}`);
    }
    const keepStoreys = new Set(parsed.data.storeys.map((s) => s.id));
    const keepSpaces = new Set(parsed.data.spaces.map((s) => s.id));
    const removed = {
      storeys: [...this.storeys.values()].filter((s) => s.source === source && !keepStoreys.has(s.id)).map((s) => s.id),
      spaces: [...this.spaces.values()].filter((s) => s.source === source && !keepSpaces.has(s.id)).map((s) => s.id),
    };
    this.table.replace(source, parsed.data, removed, at);
    this.reload();
    return {
      storeys: parsed.data.storeys.length,
      spaces: parsed.data.spaces.length,
      removedStoreys: removed.storeys.length,
      removedSpaces: removed.spaces.length,
    };
  }

  list(q: ListFilter): SpacesListOutput {
    const { storeys, spaces } = this.view();
    const text = q.text?.toLowerCase();
    const out: Space[] = [];
    for (const s of spaces.values()) {
      if (q.storey !== undefined && s.storeyId !== q.storey) continue;
      if (text && !`${s.id}\u0000${s.name}\u0000${s.use ?? ''}`.toLowerCase().includes(text)) continue;
      out.push(s);
    }
    const order = new Map(storeys.map((s) => [s.id, s.order]));
    const rank = (s: Space): number => (s.storeyId === null ? storeys.length : (order.get(s.storeyId) ?? storeys.length));
    out.sort((a, b) => rank(a) - rank(b) || collator.compare(a.id, b.id));
    return { storeys: q.storey === undefined ? storeys : storeys.filter((s) => s.id === q.storey), spaces: out };
  }

  get(id: string): SpacesGetOutput {
    const { storeys, spaces, usage } = this.view();
    const space = spaces.get(id);
    if (!space) throw notFound(`space ${JSON.stringify(id)}`);
    const stored = this.spaces.get(id);
    const deviceIds = usage.get(id)?.devices ?? new Set<number>();
    const devices = [...this.registry.devices()]
      .filter((d) => deviceIds.has(d.id))
      .map((d) => ({ id: d.id, key: d.key, name: d.name }))
      .sort((a, b) => collator.compare(a.key, b.key));
    return {
      space: { ...space, footprint: stored?.footprint ?? null, geometryRef: stored?.geometryRef ?? null },
      storey: storeys.find((s) => s.id === space.storeyId) ?? null,
      points: [...(usage.get(id)?.points ?? [])].sort((a, b) => a - b),
      devices,
    };
  }

  /** Where points and devices are placed, by space id. */
  private usage(): Map<string, Usage> {
    const usage = new Map<string, Usage>();
    const of = (spaceId: string): Usage => {
      let u = usage.get(spaceId);
      if (!u) usage.set(spaceId, (u = { points: [], devices: new Set() }));
      return u;
    };
    for (const d of this.registry.devices()) if (d.spaceId !== null) of(d.spaceId).devices.add(d.id);
    for (const p of this.registry.points()) {
      if (p.spaceId === null) continue;
      const u = of(p.spaceId);
      u.points.push(p.id);
      u.devices.add(p.deviceId);
    }
    return usage;
  }

  /** Every space, known or only named, and every storey they stand on, ordered from the bottom. */
  private view(): { storeys: Storey[]; spaces: Map<string, Space>; usage: Map<string, Usage> } {
    const usage = this.usage();
    const spaces = new Map<string, Space>();
    for (const s of this.spaces.values()) {
      const u = usage.get(s.id);
      spaces.set(s.id, {
        id: s.id,
        name: s.name,
        use: s.use,
        storeyId: s.storeyId,
        parentId: s.parentId,
        areaM2: s.areaM2,
        known: true,
        pointCount: u?.points.length ?? 0,
        deviceCount: u?.devices.size ?? 0,
      });
    }
    for (const [id, u] of usage) {
      if (spaces.has(id)) continue;
      spaces.set(id, { id, name: id, use: null, ...this.placeUnknown(id), areaM2: null, known: false, pointCount: u.points.length, deviceCount: u.devices.size });
    }

    const known = [...this.storeys.values()].sort((a, b) => a.elevationM - b.elevationM || collator.compare(a.id, b.id));
    const unknown = new Set<string>();
    for (const s of spaces.values()) if (s.storeyId !== null && !this.storeys.has(s.storeyId)) unknown.add(s.storeyId);
    const storeys: Storey[] = [
      ...known.map((s) => ({ id: s.id, name: s.name, elevationM: s.elevationM, heightM: s.heightM, known: true })),
      ...[...unknown].sort(collator.compare).map((id) => ({ id, name: id, elevationM: null, heightM: null, known: false })),
    ].map((s, order) => ({ ...s, order }));
    return { storeys, spaces, usage };
  }

  /**
   * Where a space the model does not know stands, from its id: inside the known space its path
   * names (`hq/f0/r001/desk3`), on the storey it names (`hq/f3` of `hq/f3/r301`), or nowhere.
   */
  private placeUnknown(id: string): { storeyId: string | null; parentId: string | null } {
    const path = parentPathOf(id);
    if (path === null) return { storeyId: null, parentId: null };
    const parent = this.spaces.get(path);
    if (parent) return { storeyId: parent.storeyId, parentId: parent.id };
    return { storeyId: path, parentId: null };
  }
}
