import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/shared/contract/schemas/points';
import type { Space, SpacesListOutput, Storey } from '../../src/shared/contract/schemas/spaces';
import { buildingModel } from '../../src/renderer/views/building/building-model';
import { spaceIndex, spaceLabel } from '../../src/renderer/state/space-names';

// Room and storey names on screen, from what `spaces.list` gives.
let nextId = 1;
const point = (key: string, tags: string[], spaceId: string | null = key.split('/').slice(0, 3).join('/')): Point => ({
  id: nextId++,
  key,
  name: key.slice(key.lastIndexOf('/') + 1),
  deviceId: 1,
  deviceKey: key.slice(0, key.lastIndexOf('/')),
  kind: 'sensor',
  valueType: 'number',
  unit: '°C',
  tags,
  spaceId,
});
const storey = (id: string, name: string, order: number, known = true): Storey => ({
  id,
  name,
  elevationM: known ? order * 3.6 : null,
  heightM: null,
  order,
  known,
});
const space = (id: string, name: string, storeyId: string | null, known = true): Space => ({
  id,
  name,
  use: known ? 'office' : null,
  storeyId,
  parentId: null,
  areaM2: known ? 42 : null,
  known,
  pointCount: 1,
  deviceCount: 1,
});

const list: SpacesListOutput = {
  storeys: [storey('hq/f0', 'Ground floor', 0), storey('hq/f2', 'Second floor', 1), storey('hq/f3', 'hq/f3', 2, false)],
  spaces: [
    space('hq/f0/r001', 'Office 001', 'hq/f0'),
    space('hq/f0/store', 'Store room', 'hq/f0'),
    space('hq/f2/r201', 'Open office 201', 'hq/f2'),
    space('hq/f2/r202', 'Board room', 'hq/f2'),
    space('hq/f3/r301', 'hq/f3/r301', 'hq/f3', false),
    space('annex', 'Annex', null),
  ],
};
const index = spaceIndex(list);

describe('space labels', () => {
  it('name a known space with its storey, and an unknown one by its id', () => {
    expect(spaceLabel(index, 'hq/f2/r201')).toBe('Open office 201 · Second floor');
    expect(spaceLabel(index, 'annex')).toBe('Annex');
    expect(spaceLabel(index, 'hq/f3/r301')).toBe('hq/f3/r301');
    expect(spaceLabel(index, 'hq/f9/r901')).toBe('hq/f9/r901');
    expect(spaceLabel(null, 'hq/f2/r201')).toBe('hq/f2/r201');
  });
});

describe('the Building screen with the building model', () => {
  const temp = (room: string, spaceId?: string | null) => point(`${room}/sensor/temp`, ['zone', 'air', 'temp', 'sensor'], spaceId);
  const points = [
    temp('hq/f0/r001'),
    temp('hq/f2/r202'),
    temp('hq/f2/r201'),
    temp('hq/f3/r301'),
    // Not in the list that was read: a room heard of since.
    temp('hq/f4/r401'),
    temp('annex/hall', 'annex'),
    point('hq/roof/deck/weather/temp', ['weather', 'outside', 'air', 'temp', 'sensor']),
  ];

  it('names rooms and storeys from the model and orders storeys by the model, top first', () => {
    const model = buildingModel(points, index);
    expect(model.storeys.map((s) => [s.id, s.label, s.elevationM])).toEqual([
      ['hq/f3', 'f3', null],
      ['hq/f2', 'Second floor', 3.6],
      ['hq/f0', 'Ground floor', 0],
      ['hq/f4', 'f4', null],
      ['', 'Spaces', null],
    ]);
    expect(model.storeys[1]!.rooms.map((r) => [r.spaceId, r.label, r.known, r.use, r.areaM2])).toEqual([
      ['hq/f2/r201', 'Open office 201', true, 'office', 42],
      ['hq/f2/r202', 'Board room', true, 'office', 42],
    ]);
    expect(model.storeys[0]!.rooms.map((r) => [r.label, r.known])).toEqual([['r301', false]]);
    expect(model.storeys[4]!.rooms.map((r) => r.label)).toEqual(['Annex']);
    // The store room has no points; the roof deck has no room readings.
    expect(model.emptySpaces).toBe(1);
    expect(model.otherSpaces).toBe(1);
  });

  it('shows spaces by their ids without the model', () => {
    const model = buildingModel(points);
    expect(model.storeys.map((s) => s.label)).toEqual(['f4', 'f3', 'f2', 'f0', 'Spaces']);
    expect(model.storeys[2]!.rooms.map((r) => [r.label, r.known])).toEqual([
      ['r201', false],
      ['r202', false],
    ]);
    expect(model.emptySpaces).toBe(0);
  });
});
