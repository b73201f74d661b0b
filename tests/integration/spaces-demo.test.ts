import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { loadDemoBuilding } from '../../src/core/demo/building';
import { createCore, type Core } from '../../src/core/host';
import { ApiError, ErrorCode } from '../../src/shared/errors';
import { admin, viewer } from '../helpers/temp-core';
import { tempDir } from '../helpers/temp-dir';

// The demo site's storeys and spaces through the contract, on a real core with its embedded broker and SQLite file.
const building = loadDemoBuilding();
let dir: string;
let core: Core;

const start = async (): Promise<Core> => {
  const c = createCore(parseConfig({ dataDir: dir, demo: { enabled: true } }));
  await c.start();
  return c;
};

beforeAll(async () => {
  dir = tempDir();
  core = await start();
});
afterAll(async () => {
  await core.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo building through spaces.list and spaces.get', () => {
  it('lists every level of the building as a storey, lowest first, with its name and elevation', async () => {
    const { storeys } = await core.call(viewer, 'spaces.list');
    expect(storeys).toEqual(
      building.levels.map((l, order) => ({ id: `hq/${l.key}`, name: l.name, elevationM: l.elevationM, heightM: l.heightM, order, known: true })),
    );
  });

  it('lists every room with its name, use, storey and area, and counts the points placed in it', async () => {
    const [{ spaces }, { points }] = await Promise.all([core.call(viewer, 'spaces.list', {}), core.call(viewer, 'points.list', {})]);
    expect(spaces.map((s) => s.id).sort()).toEqual(building.spaces.map((s) => s.id).sort());
    for (const s of building.spaces) {
      const listed = spaces.find((x) => x.id === s.id)!;
      expect(listed).toMatchObject({ name: s.name, use: s.kind, storeyId: `hq/${s.level}`, areaM2: s.areaM2, known: true });
      expect(listed.pointCount).toBe(points.filter((p) => p.spaceId === s.id).length);
    }
    const r201 = building.devices.filter((d) => d.spaceId === 'hq/f2/r201');
    expect(spaces.find((s) => s.id === 'hq/f2/r201')).toMatchObject({ name: 'Open office 201', deviceCount: r201.length });
  });

  it('gives a room with its footprint, its points and its devices', async () => {
    const room = building.spaces.find((s) => s.id === 'hq/f1/r104')!;
    const got = await core.call(viewer, 'spaces.get', { id: room.id });
    expect(got.space).toMatchObject({ name: room.name, footprint: room.footprint, geometryRef: null });
    expect(got.storey).toMatchObject({ id: 'hq/f1', name: 'First floor' });
    const inRoom = await core.call(viewer, 'points.list', { spaceId: room.id });
    expect(got.points).toEqual(inRoom.points.map((p) => p.id).sort((a, b) => a - b));
    expect(got.devices.map((d) => d.key)).toEqual(building.devices.filter((d) => d.spaceId === room.id).map((d) => d.key).sort());
    expect(got.devices.find((d) => d.key === 'hq/f1/r104/sensor')?.name).toBe(building.devices.find((d) => d.key === 'hq/f1/r104/sensor')!.name);
  });

  it('filters by storey and text', async () => {
    const f2 = await core.call(viewer, 'spaces.list', { storey: 'hq/f2' });
    expect(f2.storeys.map((s) => s.name)).toEqual(['Second floor']);
    expect(f2.spaces.map((s) => s.id).sort()).toEqual(building.spaces.filter((s) => s.level === 'f2').map((s) => s.id).sort());
    const meeting = await core.call(viewer, 'spaces.list', { text: 'meeting room' });
    expect(meeting.spaces.map((s) => s.name).sort()).toEqual(building.spaces.filter((s) => s.name.startsWith('Meeting room')).map((s) => s.name).sort());
  });

  it('names an unknown space NotFound and refuses bad input', async () => {
    await expect(core.call(viewer, 'spaces.get', { id: 'hq/f9/r999' })).rejects.toMatchObject({ code: ErrorCode.NotFound });
    const err = await core.call(viewer, 'spaces.list', { storey: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toContain('storey');
  });

  it('lists a space that a registered device names before the model knows it, named by its id', async () => {
    await core.call(admin, 'devices.register', { key: 'hq/f3/r301/sensor', name: 'Sensor 301', profile: 'room-sensor', space: 'hq/f3/r301' });
    const { storeys, spaces } = await core.call(viewer, 'spaces.list');
    expect(storeys.at(-1)).toEqual({ id: 'hq/f3', name: 'hq/f3', elevationM: null, heightM: null, order: building.levels.length, known: false });
    expect(spaces.find((s) => s.id === 'hq/f3/r301')).toMatchObject({ name: 'hq/f3/r301', known: false, storeyId: 'hq/f3', deviceCount: 1 });
    expect(spaces.find((s) => s.id === 'hq/f3/r301')!.pointCount).toBeGreaterThan(0);
  });

  it('keeps the model across a restart and registers it again without duplicates', async () => {
    const before = await core.call(viewer, 'spaces.list');
    await core.stop();
    core = await start();
    const after = await core.call(viewer, 'spaces.list');
    expect(after.storeys).toEqual(before.storeys);
    expect(after.spaces.map(({ id, name, known }) => ({ id, name, known }))).toEqual(before.spaces.map(({ id, name, known }) => ({ id, name, known })));
  });
});
