import type { Point } from '../../../shared/contract/schemas/points';
import type { Space } from '../../../shared/contract/schemas/spaces';
import type { SpaceIndex } from '../../state/space-names';

/** What a room tile shows, picked from the room's points by their tags. */
export interface RoomModel {
  spaceId: string;
  /** The space's name in the building model; the last part of its id when the model does not know it. */
  label: string;
  /** The building model knows the space (it has a name, a use, an area). */
  known: boolean;
  use: string | null;
  areaM2: number | null;
  temperature: Point | null;
  setpoint: Point | null;
  co2: Point | null;
  humidity: Point | null;
  occupancy: Point | null;
  points: number;
}

export interface StoreyModel {
  id: string;
  label: string;
  /** From the building model; null for a storey only a space id names. */
  elevationM: number | null;
  rooms: RoomModel[];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const has = (p: Point, ...tags: string[]): boolean => tags.every((t) => p.tags.includes(t));
const isSetpoint = (p: Point): boolean => p.kind === 'setpoint' || has(p, 'sp');
/** Air that is not the room's own: an untagged room reading must not be one of these. */
const notRoomAir = ['outside', 'discharge', 'return', 'exhaust', 'mixed'];
const roomAir = (p: Point): boolean => !notRoomAir.some((t) => p.tags.includes(t));

/** Prefers the first point a rule picks, in order: the zone reading before any other. */
function pick(points: readonly Point[], ...rules: ((p: Point) => boolean)[]): Point | null {
  for (const rule of rules) {
    const found = points.find(rule);
    if (found) return found;
  }
  return null;
}

const lastPart = (id: string): string => id.slice(id.lastIndexOf('/') + 1);

/** A room's name from the building model (when it knows the space) and its comfort readings, from Haystack-style tags on its points. */
export function roomModel(spaceId: string, points: readonly Point[], space?: Space): RoomModel {
  const sensors = points.filter((p) => !isSetpoint(p) && p.kind !== 'command');
  const known = space?.known === true;
  return {
    spaceId,
    label: known ? space.name : lastPart(spaceId),
    known,
    use: known ? space.use : null,
    areaM2: known ? space.areaM2 : null,
    temperature: pick(sensors, (p) => has(p, 'zone', 'air', 'temp'), (p) => has(p, 'zone', 'temp'), (p) => has(p, 'air', 'temp') && roomAir(p)),
    setpoint: pick(points, (p) => isSetpoint(p) && has(p, 'zone', 'temp'), (p) => isSetpoint(p) && has(p, 'temp')),
    co2: pick(sensors, (p) => has(p, 'co2')),
    humidity: pick(sensors, (p) => has(p, 'zone', 'humidity'), (p) => has(p, 'air', 'humidity') && roomAir(p)),
    occupancy: pick(sensors, (p) => has(p, 'occupancy'), (p) => has(p, 'occupied'), (p) => has(p, 'presence')),
    points: points.length,
  };
}

const isComfortRoom = (r: RoomModel): boolean => r.temperature !== null || r.co2 !== null || r.occupancy !== null;

/** The storey a space stands on: the building model's, or the one its id names (`building/storey/room`). */
function storeyOf(spaceId: string, index: SpaceIndex | null): string {
  const space = index?.spaces.get(spaceId);
  if (space) return space.storeyId ?? '';
  const cut = spaceId.lastIndexOf('/');
  return cut > 0 ? spaceId.slice(0, cut) : '';
}

export interface BuildingModel {
  storeys: StoreyModel[];
  /** Spaces with points but without room readings (a plant room with only equipment, the roof). */
  otherSpaces: number;
  /** Points without a space. */
  unplaced: number;
  /** Spaces of the building model that no point is placed in yet. */
  emptySpaces: number;
}

/**
 * Storeys and rooms: names, storeys and their order from the building model (`spaces.list`), the
 * rooms' readings from their points. Without the model (not read yet, or not readable) a space's
 * storey is the one its id names and ids stand for names. Spaces without comfort readings are
 * left to the Points screen.
 */
export function buildingModel(points: readonly Point[], index: SpaceIndex | null = null): BuildingModel {
  const bySpace = new Map<string, Point[]>();
  let unplaced = 0;
  for (const p of points) {
    if (p.spaceId === null) {
      unplaced++;
      continue;
    }
    const list = bySpace.get(p.spaceId);
    if (list) list.push(p);
    else bySpace.set(p.spaceId, [p]);
  }
  const storeys = new Map<string, StoreyModel>();
  let otherSpaces = 0;
  for (const [spaceId, list] of bySpace) {
    const room = roomModel(spaceId, list, index?.spaces.get(spaceId));
    if (!isComfortRoom(room)) {
      otherSpaces++;
      continue;
    }
    const storeyId = storeyOf(spaceId, index);
    let storey = storeys.get(storeyId);
    if (!storey) {
      const listed = index?.storeys.get(storeyId);
      storey = {
        id: storeyId,
        label: listed?.known ? listed.name : storeyId ? lastPart(storeyId) : 'Spaces',
        elevationM: listed?.elevationM ?? null,
        rooms: [],
      };
      storeys.set(storeyId, storey);
    }
    storey.rooms.push(room);
  }
  for (const s of storeys.values()) s.rooms.sort((a, b) => collator.compare(a.spaceId, b.spaceId));
  // Top storey first, as in a section drawing of the building; storeys the model does not order go below, spaces on none last.
  const rank = (s: StoreyModel): number => (s.id === '' ? -2 : (index?.storeys.get(s.id)?.order ?? -1));
  const ordered = [...storeys.values()].sort((a, b) => rank(b) - rank(a) || collator.compare(b.id, a.id));
  let emptySpaces = 0;
  for (const s of index?.spaces.values() ?? []) if (s.known && !bySpace.has(s.id)) emptySpaces++;
  return { storeys: ordered, otherSpaces, unplaced, emptySpaces };
}

/** The comfort band the tiles are coloured against. */
export const COMFORT_BAND = { low: 20, high: 24 } as const;
/** Beyond the band by more than this, a room is cold or hot rather than cool or warm. */
const FAR_K = 2;

export type Comfort = 'cold' | 'cool' | 'ok' | 'warm' | 'hot';

export function comfortOf(tempC: number, band: { low: number; high: number } = COMFORT_BAND): Comfort {
  if (tempC < band.low - FAR_K) return 'cold';
  if (tempC < band.low) return 'cool';
  if (tempC > band.high + FAR_K) return 'hot';
  if (tempC > band.high) return 'warm';
  return 'ok';
}

/** CO₂ above 1000 ppm is stale air; above 1400 ppm ventilation is clearly short. */
export const CO2_LIMITS = { high: 1000, bad: 1400 } as const;

export function co2Level(ppm: number): 'good' | 'uncertain' | 'bad' {
  return ppm > CO2_LIMITS.bad ? 'bad' : ppm > CO2_LIMITS.high ? 'uncertain' : 'good';
}
