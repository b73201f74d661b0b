import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_BUILDING_FILE, generateDemoBuilding, renderDemoBuilding } from '../../scripts/generate-demo-building';
import { demoMapping, demoPointSpecs, demoTopic, loadDemoBuilding, parseDemoBuilding, type DemoSpace } from '../../src/core/demo/building';
import { previewMapping } from '../../src/core/iot/protocols/json/mapping';
import { JsonMapping } from '../../src/shared/contract/schemas/brokers';

const building = loadDemoBuilding();
const rooms = building.spaces.filter((s) => s.kind !== 'roof');

/** Shoelace area of a polygon; positive when counter-clockwise. */
function polygonArea(points: [number, number][]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[(i + 1) % points.length]!;
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

describe('the committed demo building', () => {
  it('is what the generator writes (run `npx tsx scripts/generate-demo-building.ts` after changing it)', () => {
    expect(fs.readFileSync(DEMO_BUILDING_FILE, 'utf8')).toBe(renderDemoBuilding());
    expect(building).toEqual(generateDemoBuilding());
  });
});

describe('the building model', () => {
  it('has three storeys stacked floor on floor, and a roof deck on top', () => {
    const storeys = building.levels.filter((l) => l.kind === 'storey');
    expect(storeys.map((l) => l.key)).toEqual(['f0', 'f1', 'f2']);
    for (let i = 1; i < storeys.length; i++) {
      expect(storeys[i]!.elevationM).toBeCloseTo(storeys[i - 1]!.elevationM + storeys[i - 1]!.heightM, 6);
    }
    const roof = building.levels.find((l) => l.kind === 'roof')!;
    expect(roof.elevationM).toBeCloseTo(storeys[2]!.elevationM + storeys[2]!.heightM, 6);
  });

  it('has at least 30 rooms of every kind an office building needs', () => {
    expect(rooms.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(rooms.map((s) => s.kind));
    for (const kind of ['office', 'open-plan', 'meeting', 'corridor', 'lobby', 'server', 'plant'] as const) expect(kinds).toContain(kind);
    for (const level of ['f0', 'f1', 'f2']) expect(rooms.filter((s) => s.level === level).length).toBeGreaterThanOrEqual(10);
  });

  it('gives every room a counter-clockwise footprint whose area and volume agree, tiling each storey', () => {
    const outlineArea = polygonArea(building.outline);
    for (const s of rooms) {
      expect(polygonArea(s.footprint), s.id).toBeCloseTo(s.areaM2, 6);
      expect(s.volumeM3, s.id).toBeCloseTo(s.areaM2 * s.ceilingHeightM, 6);
      const level = building.levels.find((l) => l.key === s.level)!;
      expect(s.ceilingHeightM).toBeGreaterThan(2.4);
      expect(s.ceilingHeightM).toBeLessThanOrEqual(level.heightM);
    }
    for (const level of ['f0', 'f1', 'f2']) {
      const total = rooms.filter((s) => s.level === level).reduce((sum, s) => sum + s.areaM2, 0);
      expect(total, level).toBeCloseTo(outlineArea, 6);
    }
  });

  it('puts facades with glazing on the outside walls, facing where the wall faces', () => {
    const azimuths = { N: 0, E: 90, S: 180, W: 270 };
    let glazed = 0;
    for (const s of rooms) {
      for (const f of s.facades) {
        expect(f.azimuthDeg).toBe(azimuths[f.orientation]);
        expect(f.glazingM2).toBeLessThan(f.areaM2);
        glazed += f.glazingM2;
      }
    }
    expect(glazed).toBeGreaterThan(100);
    const corridor = rooms.find((s) => s.id === 'hq/f1/corridor')!;
    expect(corridor.facades.map((f) => f.orientation).sort()).toEqual(['E', 'W']);
    expect(rooms.find((s) => s.id === 'hq/f1/r113')!.facades.map((f) => f.orientation)).toEqual(['N']);
  });

  it('places the site for the sun', () => {
    expect(Math.abs(building.site.latitude)).toBeGreaterThan(0);
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: building.site.timeZone })).not.toThrow();
  });
});

describe('the devices', () => {
  const inSpace = (s: DemoSpace, type: string) => building.devices.filter((d) => d.spaceId === s.id && d.type === type);

  it('give every room a room sensor and lighting, and every conditioned room a VAV box', () => {
    for (const s of rooms) {
      expect(inSpace(s, 'room-sensor'), s.id).toHaveLength(1);
      expect(inSpace(s, 'lighting'), s.id).toHaveLength(1);
      const conditioned = ['office', 'open-plan', 'meeting', 'lobby', 'corridor'].includes(s.kind);
      expect(inSpace(s, 'vav'), s.id).toHaveLength(conditioned ? 1 : 0);
    }
    expect(building.devices.filter((d) => d.type === 'crac').map((d) => d.spaceId)).toEqual(['hq/f0/server']);
  });

  it('give each storey an air handler feeding all its VAV boxes', () => {
    for (const level of ['f0', 'f1', 'f2']) {
      const ahus = building.devices.filter((d) => d.type === 'ahu' && d.spaceId.startsWith(`hq/${level}/`));
      expect(ahus, level).toHaveLength(1);
      const vavSpaces = building.devices.filter((d) => d.type === 'vav' && d.spaceId.startsWith(`hq/${level}/`)).map((d) => d.spaceId);
      const ahu = ahus[0]!;
      expect(ahu.type === 'ahu' && [...ahu.design.serves].sort()).toEqual(vavSpaces.sort());
    }
  });

  it('have one chiller, boiler, electricity and gas meter and weather station, in real plant and roof spaces', () => {
    const kindOf = (id: string) => building.spaces.find((s) => s.id === id)?.kind;
    for (const [type, kind] of [
      ['chiller', 'roof'],
      ['boiler', 'plant'],
      ['electricity-meter', 'plant'],
      ['gas-meter', 'plant'],
      ['weather-station', 'roof'],
    ] as const) {
      const found = building.devices.filter((d) => d.type === type);
      expect(found, type).toHaveLength(1);
      expect(kindOf(found[0]!.spaceId), type).toBe(kind);
    }
  });

  it('stand inside their space, between its floor and the level above', () => {
    for (const d of building.devices) {
      const s = building.spaces.find((x) => x.id === d.spaceId)!;
      const level = building.levels.find((l) => l.key === s.level)!;
      const xs = s.footprint.map((p) => p[0]);
      const ys = s.footprint.map((p) => p[1]);
      const [x, y, z] = d.position;
      expect(x, d.key).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(x, d.key).toBeLessThanOrEqual(Math.max(...xs));
      expect(y, d.key).toBeGreaterThanOrEqual(Math.min(...ys));
      expect(y, d.key).toBeLessThanOrEqual(Math.max(...ys));
      expect(z, d.key).toBeGreaterThanOrEqual(level.elevationM);
      expect(z, d.key).toBeLessThanOrEqual(level.elevationM + Math.max(level.heightM, 3));
    }
  });
});

describe('the points', () => {
  const specs = demoPointSpecs(building);

  it('have unique keys and carry kind, unit and Haystack-style tags', () => {
    expect(new Set(specs.map((s) => s.key)).size).toBe(specs.length);
    expect(specs.length).toBeGreaterThan(300);
    const temp = specs.find((s) => s.key === 'hq/f1/r104/sensor/temp')!;
    expect(temp).toMatchObject({ kind: 'sensor', valueType: 'number', unit: '°C', spaceId: 'hq/f1/r104', deviceKey: 'hq/f1/r104/sensor' });
    expect(temp.tags).toEqual(['zone', 'air', 'temp', 'sensor']);
    expect(specs.find((s) => s.key === 'hq/f0/plant/elec-meter/energy')).toMatchObject({ unit: 'kWh', tags: expect.arrayContaining(['elec', 'energy']) });
    expect(specs.find((s) => s.key === 'hq/roof/deck/chiller/running')).toMatchObject({ valueType: 'boolean', kind: 'status' });
    for (const s of specs) expect(s.tags!.length, s.key).toBeGreaterThan(0);
  });

  it('each map from its topic through the demo mapping to its own key, device and space', () => {
    // The same compiled mapping the ingest path runs (brokers.previewMapping).
    const mapping = JsonMapping.parse(demoMapping);
    for (const s of specs) {
      const topic = demoTopic(s.deviceKey, s.name!);
      const preview = previewMapping(mapping, topic, Buffer.from('{"value": 1}'));
      expect(preview.matched, topic).toBe(true);
      expect(preview.deviceKey).toBe(s.deviceKey);
      expect(preview.readings[0]?.pointKey).toBe(s.key);
      expect(preview.spaceId).toBe(s.spaceId);
    }
  });
});

describe('parseDemoBuilding', () => {
  const copy = () => structuredClone(generateDemoBuilding()) as unknown as Record<string, unknown> & { devices: Record<string, unknown>[] };

  it('names the field of a malformed document', () => {
    const doc = copy();
    doc.devices[0]!.position = [1, 2];
    expect(() => parseDemoBuilding(doc)).toThrow(/invalid: devices\.0\.position/);
  });

  it('names a device in a space the model does not have', () => {
    const doc = copy();
    doc.devices[0]!.spaceId = 'hq/f9/nowhere';
    expect(() => parseDemoBuilding(doc)).toThrow(/device hq\/f0\/r001\/sensor: unknown space hq\/f9\/nowhere/);
  });
});
