import type { Point } from '../../../shared/contract/schemas/points';

/** What a room tile shows, picked from the room's points by their tags. */
export interface RoomModel {
  spaceId: string;
  label: string;
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

/** A room's comfort readings, from Haystack-style tags on its points. */
export function roomModel(spaceId: string, points: readonly Point[]): RoomModel {
  const sensors = points.filter((p) => !isSetpoint(p) && p.kind !== 'command');
  return {
    spaceId,
    label: spaceId.slice(spaceId.lastIndexOf('/') + 1),
    temperature: pick(sensors, (p) => has(p, 'zone', 'air', 'temp'), (p) => has(p, 'zone', 'temp'), (p) => has(p, 'air', 'temp') && roomAir(p)),
    setpoint: pick(points, (p) => isSetpoint(p) && has(p, 'zone', 'temp'), (p) => isSetpoint(p) && has(p, 'temp')),
    co2: pick(sensors, (p) => has(p, 'co2')),
    humidity: pick(sensors, (p) => has(p, 'zone', 'humidity'), (p) => has(p, 'air', 'humidity') && roomAir(p)),
    occupancy: pick(sensors, (p) => has(p, 'occupancy'), (p) => has(p, 'occupied'), (p) => has(p, 'presence')),
    points: points.length,
  };
}

const isComfortRoom = (r: RoomModel): boolean => r.temperature !== null || r.co2 !== null || r.occupancy !== null;

/**
 * Storeys and rooms from the points' space ids (`building/storey/room`): a space's parent is
 * its storey. Spaces without comfort readings (a plant room, the roof) are left to the
 * Points screen.
 */
export function buildingModel(points: readonly Point[]): { storeys: StoreyModel[]; otherSpaces: number; unplaced: number } {
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
    const room = roomModel(spaceId, list);
    if (!isComfortRoom(room)) {
      otherSpaces++;
      continue;
    }
    const cut = spaceId.lastIndexOf('/');
    const storeyId = cut > 0 ? spaceId.slice(0, cut) : '';
    let storey = storeys.get(storeyId);
    if (!storey) {
      storey = { id: storeyId, label: storeyId ? storeyId.slice(storeyId.lastIndexOf('/') + 1) : 'Spaces', rooms: [] };
      storeys.set(storeyId, storey);
    }
    storey.rooms.push(room);
  }
  for (const s of storeys.values()) s.rooms.sort((a, b) => collator.compare(a.spaceId, b.spaceId));
  // Top storey first, as in a section drawing of the building.
  const ordered = [...storeys.values()].sort((a, b) => collator.compare(b.id, a.id));
  return { storeys: ordered, otherSpaces, unplaced };
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
