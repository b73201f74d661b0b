/**
 * Generates the demo building "HQ" into resources/demo/building.json:
 * `npx tsx scripts/generate-demo-building.ts`. The output is deterministic; a test
 * regenerates it in memory and fails when the committed file is stale.
 *
 * The building: 48 m × 16 m, three storeys and a roof deck. Each storey has a row of rooms
 * facing south (7 m deep), a 2 m corridor and a row facing north (7 m deep).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  DemoBuilding,
  DemoDevice,
  DemoLevel,
  DemoPoint,
  DemoSpace,
  DeviceType,
  Facade,
  SpaceKind,
  Vec2,
  Vec3,
} from '../src/core/demo/building';
import { randomSequence } from '../src/core/demo/simulator/random';

const KEY = 'hq';
const SEED = 4721;
const WIDTH_M = 48;
const DEPTH_M = 16;
/** The three bands of a storey, south to north. */
const BANDS = { S: [0, 7], C: [7, 9], N: [9, 16] } as const;
type Band = keyof typeof BANDS;

const LEVELS: DemoLevel[] = [
  { key: 'f0', name: 'Ground floor', kind: 'storey', elevationM: 0, heightM: 4 },
  { key: 'f1', name: 'First floor', kind: 'storey', elevationM: 4, heightM: 3.6 },
  { key: 'f2', name: 'Second floor', kind: 'storey', elevationM: 7.6, heightM: 3.6 },
  // The roof deck carries the chiller and the weather station behind a 1.1 m parapet.
  { key: 'roof', name: 'Roof', kind: 'roof', elevationM: 11.2, heightM: 1.1 },
];

/** [level, room key, kind, band, x from, x to, name (default from kind and key)] */
type RoomRow = [level: string, key: string, kind: SpaceKind, band: Band, x0: number, x1: number, name?: string];
const ROOMS: RoomRow[] = [
  ['f0', 'r001', 'office', 'S', 0, 6],
  ['f0', 'r002', 'office', 'S', 6, 12],
  ['f0', 'lobby', 'lobby', 'S', 12, 24, 'Lobby and reception'],
  ['f0', 'r004', 'meeting', 'S', 24, 30, 'Meeting room Alder'],
  ['f0', 'r005', 'open-plan', 'S', 30, 48],
  ['f0', 'r011', 'meeting', 'N', 0, 6, 'Meeting room Birch'],
  ['f0', 'r012', 'office', 'N', 6, 12],
  ['f0', 'r013', 'office', 'N', 12, 18],
  ['f0', 'r014', 'office', 'N', 18, 24],
  ['f0', 'server', 'server', 'N', 24, 30, 'Server room'],
  ['f0', 'r015', 'meeting', 'N', 30, 36, 'Meeting room Cedar'],
  ['f0', 'plant', 'plant', 'N', 36, 48, 'Plant room'],
  ['f0', 'corridor', 'corridor', 'C', 0, 48, 'Corridor, ground floor'],
  ['f1', 'r101', 'open-plan', 'S', 0, 18],
  ['f1', 'r102', 'office', 'S', 18, 24],
  ['f1', 'r103', 'office', 'S', 24, 30],
  ['f1', 'r104', 'meeting', 'S', 30, 36, 'Meeting room Elm'],
  ['f1', 'r105', 'open-plan', 'S', 36, 48],
  ['f1', 'r111', 'meeting', 'N', 0, 6, 'Meeting room Fir'],
  ['f1', 'r112', 'office', 'N', 6, 12],
  ['f1', 'r113', 'office', 'N', 12, 18],
  ['f1', 'r114', 'office', 'N', 18, 24],
  ['f1', 'r115', 'office', 'N', 24, 30],
  ['f1', 'r116', 'meeting', 'N', 30, 36, 'Meeting room Hazel'],
  ['f1', 'plant', 'plant', 'N', 36, 42, 'AHU room, first floor'],
  ['f1', 'r117', 'office', 'N', 42, 48],
  ['f1', 'corridor', 'corridor', 'C', 0, 48, 'Corridor, first floor'],
  ['f2', 'r201', 'open-plan', 'S', 0, 18],
  ['f2', 'r202', 'meeting', 'S', 18, 30, 'Board room'],
  ['f2', 'r203', 'office', 'S', 30, 36],
  ['f2', 'r204', 'open-plan', 'S', 36, 48],
  ['f2', 'r211', 'office', 'N', 0, 6],
  ['f2', 'r212', 'office', 'N', 6, 12],
  ['f2', 'r213', 'meeting', 'N', 12, 18, 'Meeting room Maple'],
  ['f2', 'r214', 'office', 'N', 18, 24],
  ['f2', 'r215', 'office', 'N', 24, 30],
  ['f2', 'r216', 'meeting', 'N', 30, 36, 'Meeting room Oak'],
  ['f2', 'plant', 'plant', 'N', 36, 42, 'AHU room, second floor'],
  ['f2', 'r217', 'office', 'N', 42, 48],
  ['f2', 'corridor', 'corridor', 'C', 0, 48, 'Corridor, second floor'],
];

interface KindDesign {
  glazingRatio: number;
  /** Suspended ceiling depth below the floor above. */
  ceilingVoidM: number;
  capacity: (areaM2: number) => number;
  infiltrationAch: number;
  lighting: DemoSpace['lighting'];
  equipment: DemoSpace['equipment'];
  /** Least air changes per hour of its VAV box at full flow; null when the space has none. */
  vavAch: number | null;
}

const KINDS: Record<SpaceKind, KindDesign> = {
  office: {
    glazingRatio: 0.4,
    ceilingVoidM: 0.9,
    capacity: () => 2,
    infiltrationAch: 0.15,
    lighting: { targetLx: 500, powerWPerM2: 7 },
    equipment: { baseWPerM2: 2, occupiedWPerM2: 12 },
    vavAch: 6,
  },
  'open-plan': {
    glazingRatio: 0.4,
    ceilingVoidM: 0.9,
    capacity: (a) => Math.floor(a / 10),
    infiltrationAch: 0.15,
    lighting: { targetLx: 500, powerWPerM2: 7 },
    equipment: { baseWPerM2: 2, occupiedWPerM2: 14 },
    vavAch: 5,
  },
  meeting: {
    glazingRatio: 0.4,
    ceilingVoidM: 0.9,
    capacity: (a) => Math.floor(a / 3.5),
    infiltrationAch: 0.15,
    lighting: { targetLx: 500, powerWPerM2: 7 },
    equipment: { baseWPerM2: 1, occupiedWPerM2: 6 },
    vavAch: 8,
  },
  lobby: {
    glazingRatio: 0.6,
    ceilingVoidM: 0.9,
    capacity: () => 20,
    infiltrationAch: 0.4,
    lighting: { targetLx: 300, powerWPerM2: 8 },
    equipment: { baseWPerM2: 3, occupiedWPerM2: 4 },
    vavAch: 4,
  },
  corridor: {
    glazingRatio: 0.3,
    ceilingVoidM: 0.9,
    capacity: () => 10,
    infiltrationAch: 0.15,
    lighting: { targetLx: 150, powerWPerM2: 5 },
    equipment: { baseWPerM2: 0.5, occupiedWPerM2: 0.5 },
    vavAch: 3,
  },
  server: {
    glazingRatio: 0,
    ceilingVoidM: 0.6,
    capacity: () => 2,
    infiltrationAch: 0.15,
    lighting: { targetLx: 300, powerWPerM2: 6 },
    // About 6 kW of IT load, day and night.
    equipment: { baseWPerM2: 167, occupiedWPerM2: 167 },
    vavAch: null,
  },
  plant: {
    glazingRatio: 0.1,
    ceilingVoidM: 0,
    capacity: () => 2,
    // Louvres ventilate the plant rooms.
    infiltrationAch: 1,
    lighting: { targetLx: 200, powerWPerM2: 4 },
    equipment: { baseWPerM2: 1, occupiedWPerM2: 1 },
    vavAch: null,
  },
  roof: {
    glazingRatio: 0,
    ceilingVoidM: 0,
    capacity: () => 0,
    infiltrationAch: 0,
    lighting: { targetLx: 0, powerWPerM2: 0 },
    equipment: { baseWPerM2: 0, occupiedWPerM2: 0 },
    vavAch: null,
  },
};

const KIND_NAMES: Partial<Record<SpaceKind, string>> = { office: 'Office', 'open-plan': 'Open office' };

/** Air: W per (m³/h · K). */
const AIR = (1.2 * 1005) / 3600;
const SHGC = 0.3;
/** Room setpoint minus the coldest supply air: what a VAV box's full flow is sized on. */
const SUPPLY_DELTA_K = 9;
/** Sun on glazing at the design hour, W/m², by the way the wall faces. */
const PEAK_IRRADIANCE: Record<Facade['orientation'], number> = { N: 120, E: 600, S: 550, W: 600 };
/** Sun on two facades of a corner room does not peak at the same hour. */
const SOLAR_COINCIDENCE = 0.8;

/** Design cooling load of a space: sun through its glazing, people, equipment and lights. */
function peakCoolingW(s: DemoSpace): number {
  const solar = s.facades.reduce((sum, f) => sum + f.glazingM2 * SHGC * PEAK_IRRADIANCE[f.orientation], 0);
  const internal = s.capacity * 75 + s.areaM2 * (s.equipment.occupiedWPerM2 + s.lighting.powerWPerM2);
  return (s.facades.length > 1 ? SOLAR_COINCIDENCE : 1) * solar + internal;
}

// --- points -----------------------------------------------------------------------------

function point(
  name: string,
  kind: DemoPoint['kind'],
  unit: string | null,
  tags: string[],
  resolution = 1,
  noise = 0,
  valueType: DemoPoint['valueType'] = 'number',
): DemoPoint {
  return { name, kind, valueType, unit, tags, resolution, noise };
}

const running = (equip: string) => point('running', 'status', null, [equip, 'run', 'sensor'], 1, 0, 'boolean');

/** The points each kind of device reports, with Project Haystack-style tags. */
const POINTS: Record<DeviceType, DemoPoint[]> = {
  'room-sensor': [
    point('temp', 'sensor', '°C', ['zone', 'air', 'temp', 'sensor'], 0.1, 0.05),
    point('humidity', 'sensor', '%RH', ['zone', 'air', 'humidity', 'sensor'], 1, 0.5),
    point('co2', 'sensor', 'ppm', ['zone', 'air', 'co2', 'sensor'], 1, 8),
    point('occupancy', 'sensor', null, ['zone', 'occupancy', 'sensor']),
    point('illuminance', 'sensor', 'lx', ['zone', 'illuminance', 'sensor'], 1, 3),
  ],
  lighting: [point('level', 'status', '%', ['zone', 'light', 'level', 'cmd'])],
  vav: [
    point('damper', 'status', '%', ['vav', 'damper', 'cmd']),
    point('airflow', 'sensor', 'm³/h', ['vav', 'discharge', 'air', 'flow', 'sensor'], 1, 4),
    point('setpoint', 'setpoint', '°C', ['vav', 'zone', 'air', 'temp', 'sp'], 0.1),
    point('reheat', 'status', '%', ['vav', 'reheat', 'valve', 'cmd']),
  ],
  crac: [
    point('supplyTemp', 'sensor', '°C', ['crac', 'discharge', 'air', 'temp', 'sensor'], 0.1, 0.05),
    point('coolingValve', 'status', '%', ['crac', 'cooling', 'valve', 'cmd']),
    point('setpoint', 'setpoint', '°C', ['crac', 'zone', 'air', 'temp', 'sp'], 0.1),
    running('crac'),
  ],
  ahu: [
    point('supplyTemp', 'sensor', '°C', ['ahu', 'discharge', 'air', 'temp', 'sensor'], 0.1, 0.05),
    point('supplyTempSetpoint', 'setpoint', '°C', ['ahu', 'discharge', 'air', 'temp', 'sp'], 0.1),
    point('returnTemp', 'sensor', '°C', ['ahu', 'return', 'air', 'temp', 'sensor'], 0.1, 0.05),
    point('fanSpeed', 'status', '%', ['ahu', 'discharge', 'fan', 'speed', 'cmd']),
    point('oaDamper', 'status', '%', ['ahu', 'outside', 'damper', 'cmd']),
    point('heatingValve', 'status', '%', ['ahu', 'heating', 'valve', 'cmd']),
    point('coolingValve', 'status', '%', ['ahu', 'cooling', 'valve', 'cmd']),
    running('ahu'),
  ],
  chiller: [
    point('chwSupplyTemp', 'sensor', '°C', ['chiller', 'chilled', 'water', 'leaving', 'temp', 'sensor'], 0.1, 0.03),
    point('chwReturnTemp', 'sensor', '°C', ['chiller', 'chilled', 'water', 'entering', 'temp', 'sensor'], 0.1, 0.03),
    point('power', 'sensor', 'kW', ['chiller', 'elec', 'power', 'sensor'], 0.1, 0.05),
    running('chiller'),
  ],
  boiler: [
    point('hwSupplyTemp', 'sensor', '°C', ['boiler', 'hot', 'water', 'leaving', 'temp', 'sensor'], 0.1, 0.05),
    point('firingRate', 'status', '%', ['boiler', 'fire', 'rate', 'cmd']),
    running('boiler'),
  ],
  'electricity-meter': [
    point('power', 'sensor', 'kW', ['elec', 'meter', 'power', 'sensor'], 0.1, 0.1),
    point('energy', 'sensor', 'kWh', ['elec', 'meter', 'energy', 'sensor'], 0.1),
  ],
  'gas-meter': [
    point('flow', 'sensor', 'm³/h', ['naturalGas', 'meter', 'flow', 'sensor'], 0.01, 0.01),
    point('volume', 'sensor', 'm³', ['naturalGas', 'meter', 'volume', 'sensor'], 0.01),
  ],
  'weather-station': [
    point('temp', 'sensor', '°C', ['weather', 'outside', 'air', 'temp', 'sensor'], 0.1, 0.05),
    point('humidity', 'sensor', '%RH', ['weather', 'outside', 'air', 'humidity', 'sensor'], 1, 0.5),
    point('solarIrradiance', 'sensor', 'W/m²', ['weather', 'solar', 'irradiance', 'sensor'], 1, 2),
    point('windSpeed', 'sensor', 'm/s', ['weather', 'wind', 'speed', 'sensor'], 0.1, 0.1),
  ],
};

// --- geometry ---------------------------------------------------------------------------

const round = (x: number, decimals = 2) => Number(x.toFixed(decimals));
const roundUp = (x: number, step: number) => Math.ceil(x / step) * step;

function rectangle(x0: number, y0: number, x1: number, y1: number): Vec2[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** The walls of a rectangle that lie on the building's outline, with their glazing. */
function facades(x0: number, y0: number, x1: number, y1: number, heightM: number, glazingRatio: number): Facade[] {
  const walls: [on: boolean, orientation: Facade['orientation'], azimuthDeg: number, lengthM: number][] = [
    [y1 === DEPTH_M, 'N', 0, x1 - x0],
    [x1 === WIDTH_M, 'E', 90, y1 - y0],
    [y0 === 0, 'S', 180, x1 - x0],
    [x0 === 0, 'W', 270, y1 - y0],
  ];
  return walls
    .filter(([on]) => on)
    .map(([, orientation, azimuthDeg, lengthM]) => {
      const areaM2 = round(lengthM * heightM);
      return { azimuthDeg, orientation, lengthM, areaM2, glazingM2: round(areaM2 * glazingRatio) };
    });
}

function level(key: string): DemoLevel {
  const l = LEVELS.find((x) => x.key === key);
  if (!l) throw new Error(`unknown level ${key}`);
  return l;
}

interface PlacedSpace {
  space: DemoSpace;
  band: Band | null;
  rect: [x0: number, y0: number, x1: number, y1: number];
  elevationM: number;
}

function makeSpace(levelKey: string, key: string, kind: SpaceKind, rect: PlacedSpace['rect'], band: Band | null, name: string): PlacedSpace {
  const l = level(levelKey);
  const k = KINDS[kind];
  const [x0, y0, x1, y1] = rect;
  const areaM2 = (x1 - x0) * (y1 - y0);
  const ceilingHeightM = kind === 'roof' ? 0 : round(l.heightM - k.ceilingVoidM);
  return {
    band,
    rect,
    elevationM: l.elevationM,
    space: {
      id: `${KEY}/${levelKey}/${key}`,
      key,
      level: levelKey,
      name,
      kind,
      footprint: rectangle(x0, y0, x1, y1),
      areaM2,
      ceilingHeightM,
      volumeM3: round(areaM2 * ceilingHeightM),
      facades: kind === 'roof' ? [] : facades(x0, y0, x1, y1, l.heightM, k.glazingRatio),
      capacity: k.capacity(areaM2),
      infiltrationAch: k.infiltrationAch,
      lighting: k.lighting,
      equipment: k.equipment,
    },
  };
}

// --- devices ----------------------------------------------------------------------------

/** A point inside a space's rectangle: fractions of its width and depth, height above its floor. */
function at(p: PlacedSpace, fx: number, fy: number, heightM: number): Vec3 {
  const [x0, y0, x1, y1] = p.rect;
  return [round(x0 + fx * (x1 - x0)), round(y0 + fy * (y1 - y0)), round(p.elevationM + heightM)];
}

/** Room sensors hang on the corridor-side wall, 1.5 m up. */
function sensorPosition(p: PlacedSpace): Vec3 {
  const [x0, y0, x1, y1] = p.rect;
  const wallY = p.band === 'S' ? y1 - 0.1 : y0 + 0.1;
  return [round((x0 + x1) / 2), round(wallY), round(p.elevationM + 1.5)];
}

type DeviceOf<T extends DeviceType> = Extract<DemoDevice, { type: T }>;

function device<T extends DeviceType>(p: PlacedSpace, local: string, type: T, name: string, position: Vec3, extra: Omit<DeviceOf<T>, keyof DemoDevice>): DeviceOf<T> {
  return { key: `${p.space.id}/${local}`, name, type, spaceId: p.space.id, position, points: POINTS[type], ...extra } as DeviceOf<T>;
}

export function generateDemoBuilding(): DemoBuilding {
  const next = randomSequence(SEED);
  const placed: PlacedSpace[] = ROOMS.map(([lv, key, kind, band, x0, x1, name]) => {
    const [y0, y1] = BANDS[band];
    const fallback = `${KIND_NAMES[kind] ?? kind} ${key.slice(1)}`;
    return makeSpace(lv, key, kind, [x0, y0, x1, y1], band, name ?? fallback);
  });
  const roof = makeSpace('roof', 'deck', 'roof', [0, 0, WIDTH_M, DEPTH_M], null, 'Roof deck');
  placed.push(roof);

  const devices: DemoDevice[] = [];
  const vavsByLevel = new Map<string, DeviceOf<'vav'>[]>();
  for (const p of placed) {
    const s = p.space;
    if (s.kind === 'roof') continue;
    devices.push(device(p, 'sensor', 'room-sensor', `Room sensor, ${s.name}`, sensorPosition(p), {}));
    devices.push(device(p, 'lights', 'lighting', `Lighting, ${s.name}`, at(p, 0.5, 0.5, s.ceilingHeightM), {}));
    const ach = KINDS[s.kind].vavAch;
    if (ach !== null) {
      const maxAirflowM3h = roundUp(Math.max(s.volumeM3 * ach, peakCoolingW(s) / (AIR * SUPPLY_DELTA_K)), 10);
      // Offices and meeting rooms get their own setpoint within half a degree of 22 °C.
      const personal = s.kind === 'office' || s.kind === 'open-plan' || s.kind === 'meeting';
      const vav = device(p, 'vav', 'vav', `VAV box, ${s.name}`, at(p, 0.5, 0.5, s.ceilingHeightM + 0.3), {
        design: {
          minAirflowM3h: roundUp(0.3 * maxAirflowM3h, 10),
          maxAirflowM3h,
          reheatKw: round((0.5 * maxAirflowM3h * AIR * 26) / 1000, 1),
          occupiedSetpointC: personal ? 21.5 + 0.5 * Math.floor(next() * 3) : 21,
        },
      });
      devices.push(vav);
      vavsByLevel.set(s.level, [...(vavsByLevel.get(s.level) ?? []), vav]);
    }
    if (s.kind === 'server') {
      devices.push(
        device(p, 'crac', 'crac', 'Close-control unit, server room', at(p, 0.8, 0.5, 0), {
          design: { coolingKw: 12, airflowM3h: 3000, fanKw: 0.8, setpointC: 22 },
        }),
      );
    }
  }

  const plantRoom = (lv: string) => placed.find((p) => p.space.level === lv && p.space.kind === 'plant')!;
  const ahus: DeviceOf<'ahu'>[] = [];
  for (const l of LEVELS.filter((x) => x.kind === 'storey')) {
    const vavs = vavsByLevel.get(l.key) ?? [];
    // Not every room peaks at once: the unit is sized for 80 % of its boxes' maxima.
    const designAirflowM3h = roundUp(0.8 * vavs.reduce((sum, v) => sum + v.design.maxAirflowM3h, 0), 100);
    const ahu = device(plantRoom(l.key), 'ahu', 'ahu', `Air handling unit AHU-${l.key.slice(1)} (${l.name.toLowerCase()})`, at(plantRoom(l.key), 0.25, 0.5, 1.2), {
      design: {
        designAirflowM3h,
        fanKw: round((designAirflowM3h / 3600) * 1.6, 1),
        heatingKw: Math.round((designAirflowM3h * AIR * 15) / 1000),
        coolingKw: Math.round((designAirflowM3h * AIR * 14) / 1000),
        minOutdoorAirPct: 30,
        serves: vavs.map((v) => v.spaceId),
      },
    });
    ahus.push(ahu);
    devices.push(ahu);
  }

  const plant = plantRoom('f0');
  const reheatKw = devices.reduce((sum, d) => sum + (d.type === 'vav' ? d.design.reheatKw : 0), 0);
  const cracKw = devices.reduce((sum, d) => sum + (d.type === 'crac' ? d.design.coolingKw : 0), 0);
  // Reheat coils never all open fully at once: the boiler counts half of them.
  devices.push(
    device(plant, 'boiler', 'boiler', 'Gas boiler', at(plant, 0.7, 0.6, 0), {
      design: { capacityKw: roundUp(1.15 * (0.5 * reheatKw + ahus.reduce((sum, a) => sum + a.design.heatingKw, 0)), 10), efficiency: 0.92 },
    }),
    device(plant, 'elec-meter', 'electricity-meter', 'Electricity meter, main incomer', at(plant, 0.02, 0.2, 1.6), {}),
    device(plant, 'gas-meter', 'gas-meter', 'Gas meter', at(plant, 0.98, 0.2, 1.2), {}),
    device(roof, 'chiller', 'chiller', 'Air-cooled chiller', at(roof, 0.85, 0.7, 0), {
      design: { capacityKw: roundUp(1.15 * (cracKw + ahus.reduce((sum, a) => sum + a.design.coolingKw, 0)), 10), nominalCop: 3.2 },
    }),
    device(roof, 'weather', 'weather-station', 'Weather station', at(roof, 0.05, 0.85, 3), {}),
  );

  return {
    format: 1,
    key: KEY,
    name: 'HQ',
    site: { name: 'Arxos HQ (demo site)', latitude: 51.92, longitude: 4.48, timeZone: 'Europe/Amsterdam' },
    seed: SEED,
    construction: {
      wallU: 0.3,
      windowU: 1.3,
      roofU: 0.18,
      groundU: 0.25,
      windowShgc: SHGC,
      thermalMassKjPerM2K: 80,
      internalCouplingWPerM2K: 1.5,
    },
    outline: rectangle(0, 0, WIDTH_M, DEPTH_M),
    levels: LEVELS,
    spaces: placed.map((p) => p.space),
    devices,
  };
}

// --- output -----------------------------------------------------------------------------

const LINE = 160;

/**
 * JSON with short arrays and objects kept on one line, so polygons and points read at a glance.
 * `lead` is how many characters already stand on the line.
 */
function format(value: unknown, indent: string, lead = indent.length): string {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || lead + flat.length <= LINE) return flat;
  const inner = indent + '  ';
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
    const key = `${inner}${JSON.stringify(k)}: `;
    return key + format(v, inner, key.length);
  });
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

export function renderDemoBuilding(): string {
  return format(generateDemoBuilding(), '') + '\n';
}

export const DEMO_BUILDING_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'demo', 'building.json');

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  fs.mkdirSync(path.dirname(DEMO_BUILDING_FILE), { recursive: true });
  fs.writeFileSync(DEMO_BUILDING_FILE, renderDemoBuilding());
  console.log(`wrote ${path.relative(process.cwd(), DEMO_BUILDING_FILE)}`);
}
