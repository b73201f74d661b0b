import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/shared/contract/schemas/points';
import type { Space, Storey } from '../../src/shared/contract/schemas/spaces';
import { LatestStore } from '../../src/renderer/state/latest-store';
import { spaceIndex } from '../../src/renderer/state/space-names';
import { deviceLabel, filterPoints, groupPoints, sortPoints } from '../../src/renderer/views/points/points-model';

const point = (id: number, key: string, extra: Partial<Point> = {}): Point => {
  const parts = key.split('/');
  return {
    id,
    key,
    name: parts.at(-1)!,
    deviceId: id,
    deviceKey: parts.slice(0, -1).join('/'),
    kind: 'sensor',
    valueType: 'number',
    unit: '°C',
    tags: ['zone', 'air', 'temp', 'sensor'],
    spaceId: parts.slice(0, 3).join('/'),
    ...extra,
  };
};

const points = [
  point(1, 'hq/f1/r10/sensor/temperature'),
  point(2, 'hq/f1/r2/sensor/temperature'),
  point(3, 'hq/f1/r2/sensor/co2', { unit: 'ppm', tags: ['zone', 'air', 'co2', 'sensor'] }),
  point(4, 'hq/plant/meter/power', { unit: 'kW', tags: ['elec', 'power'], spaceId: null }),
];

describe('points table model', () => {
  it('filters on every term, across key, unit, device, space and tags', () => {
    expect(filterPoints(points, 'ppm').map((p) => p.id)).toEqual([3]);
    expect(filterPoints(points, 'r2 temp').map((p) => p.id)).toEqual([2]);
    expect(filterPoints(points, 'ELEC').map((p) => p.id)).toEqual([4]);
    expect(filterPoints(points, '  ').map((p) => p.id)).toEqual([1, 2, 3, 4]);
    expect(filterPoints(points, 'nothing-like-this')).toEqual([]);
  });

  it('sorts keys naturally (r2 before r10) and both ways', () => {
    const none = (): undefined => undefined;
    expect(sortPoints(points, 'point', 'asc', none).map((p) => p.id)).toEqual([3, 2, 1, 4]);
    expect(sortPoints(points, 'point', 'desc', none).map((p) => p.id)).toEqual([4, 1, 2, 3]);
  });

  it('sorts by live value with points lacking a value last in either direction', () => {
    const store = new LatestStore();
    store.apply([
      { id: 1, ts: 1000, value: 23.5, quality: 0 },
      { id: 2, ts: 2000, value: 19, quality: 8 },
      { id: 3, ts: 3000, value: 650, quality: 1 },
    ]);
    const get = (id: number) => store.get(id);
    expect(sortPoints(points, 'value', 'asc', get).map((p) => p.id)).toEqual([2, 1, 3, 4]);
    expect(sortPoints(points, 'value', 'desc', get).map((p) => p.id)).toEqual([3, 1, 2, 4]);
    // Worst quality first when descending: bad (out of range), uncertain (stale), good.
    expect(sortPoints(points, 'quality', 'desc', get).map((p) => p.id)).toEqual([3, 2, 1, 4]);
    // Ascending age: freshest first.
    expect(sortPoints(points, 'age', 'asc', get).map((p) => p.id)).toEqual([3, 2, 1, 4]);
  });

  it('groups by space (no space last) and by device, keeping the sorted order inside', () => {
    const bySpace = groupPoints(points, 'space');
    expect(bySpace.map((g) => [g.label, g.points.map((p) => p.id)])).toEqual([
      ['hq/f1/r2', [2, 3]],
      ['hq/f1/r10', [1]],
      ['No space', [4]],
    ]);
    expect(groupPoints(points, 'device').map((g) => g.key)).toEqual(['hq/f1/r2/sensor', 'hq/f1/r10/sensor', 'hq/plant/meter']);
    expect(groupPoints(points, 'none')).toHaveLength(1);
  });

  it('names spaces by their room and storey when the building model knows them, by id when not', () => {
    const storey: Storey = { id: 'hq/f1', name: 'First floor', elevationM: 4, heightM: null, order: 1, known: true };
    const space = (id: string, name: string): Space => ({ id, name, use: 'office', storeyId: 'hq/f1', parentId: null, areaM2: 12, known: true, pointCount: 1, deviceCount: 1 });
    // r10 is not in the model (yet): it keeps its id.
    const spaces = spaceIndex({ storeys: [storey], spaces: [space('hq/f1/r2', 'Office 102')] });
    expect(groupPoints(points, 'space', spaces).map((g) => [g.key, g.label])).toEqual([
      ['hq/f1/r2', 'Office 102 · First floor'],
      ['hq/f1/r10', 'hq/f1/r10'],
      ['', 'No space'],
    ]);
    expect(groupPoints(points, 'device', spaces).map((g) => g.label)).toEqual(['hq/f1/r2/sensor', 'hq/f1/r10/sensor', 'hq/plant/meter']);
    expect(filterPoints(points, 'office 102 co2', spaces).map((p) => p.id)).toEqual([3]);
    expect(filterPoints(points, 'first floor', spaces).map((p) => p.id)).toEqual([2, 3]);
    expect(filterPoints(points, 'hq/f1/r2', spaces).map((p) => p.id)).toEqual([2, 3]);
    expect(filterPoints(points, 'office 102', null)).toEqual([]);
  });

  it('shows the device without the space it shares with the point', () => {
    expect(deviceLabel(points[0]!)).toBe('sensor');
    expect(deviceLabel(points[3]!)).toBe('hq/plant/meter');
  });
});

describe('latest store', () => {
  it('notifies only the subscribers of points that changed, never goes back in time, counts real changes', () => {
    const store = new LatestStore();
    const heard: number[] = [];
    store.subscribe(1, () => heard.push(1));
    store.subscribe(2, () => heard.push(2));
    store.apply([{ id: 1, ts: 100, value: 20, quality: 0 }], 5);
    expect(heard).toEqual([1]);
    expect(store.get(1)).toMatchObject({ value: 20, changes: 0 });

    store.apply([{ id: 1, ts: 50, value: 99, quality: 0 }], 6);
    expect(store.get(1)!.value).toBe(20);
    store.apply([{ id: 1, ts: 200, value: 20, quality: 0 }], 7);
    expect(store.get(1)).toMatchObject({ ts: 200, changes: 0 });
    store.apply([{ id: 1, ts: 300, value: 21, quality: 0 }], 8);
    expect(store.get(1)).toMatchObject({ value: 21, changes: 1, changedAt: 8 });
    expect(heard).toEqual([1, 1, 1]);
  });

  it('stops notifying after unsubscribe', () => {
    const store = new LatestStore();
    let n = 0;
    const off = store.subscribe(7, () => n++);
    store.apply([{ id: 7, ts: 1, value: true, quality: 0 }]);
    off();
    store.apply([{ id: 7, ts: 2, value: false, quality: 0 }]);
    expect(n).toBe(1);
  });
});
