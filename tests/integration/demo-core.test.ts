import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { loadDemoBuilding } from '../../src/core/demo/building';
import { demoSiteSpecs } from '../../src/core/demo/simulator/sparkplug-plant';
import { createCore, type Core } from '../../src/core/host';
import { admin } from '../helpers/temp-core';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const specs = demoSiteSpecs(loadDemoBuilding());
let dir: string;
let core: Core;

beforeAll(async () => {
  dir = tempDir();
  // No configuration beyond the data dir: the core starts the demo site on its own.
  core = createCore(parseConfig({ dataDir: dir }));
  await core.start();
});

afterAll(async () => {
  await core.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a core with no configuration', () => {
  it('runs the demo site and ingests every demo point through its broker link', async () => {
    expect(core.health().demo).toBe(true);
    const { points, total } = await core.call(admin, 'points.list', {});
    expect(total).toBe(specs.length);
    const ids = new Set(points.map((p) => p.id));
    await waitFor(
      async () => (await core.call(admin, 'points.latest', {})).values.filter((v) => ids.has(v.id)).length === specs.length,
      30_000,
      'a latest value for every demo point',
    );

    const health = core.health();
    expect(health.brokers.map((b) => [b.id, b.state, b.embedded])).toEqual([['embedded', 'up', true]]);
    expect(health.ingest.deadLettered).toEqual({});
    // Nothing was discovered beyond the model's points: every topic mapped to a registered key.
    expect((await core.call(admin, 'points.list', {})).total).toBe(specs.length);

    const { values } = await core.call(admin, 'points.latest', {});
    const byKey = new Map(points.map((p) => [p.key, p]));
    const valueOf = (key: string) => values.find((v) => v.id === byKey.get(key)!.id)!;
    const temp = valueOf('hq/f1/r104/sensor/temp');
    expect(temp.quality).toBe(0);
    expect(temp.value).toBeGreaterThan(10);
    expect(temp.value).toBeLessThan(35);
    // The central plant comes over Sparkplug B, its points keyed <group>/<edge node>/<device>/<metric>.
    expect(typeof valueOf('hq/central-plant/chiller/running').value).toBe('boolean');
    expect(valueOf('hq/central-plant/elec-meter/energy').value).toBeGreaterThan(0);
  });

  it('registers the demo points with their kind, unit, tags and room', async () => {
    const { points } = await core.call(admin, 'points.list', { tags: ['zone', 'air', 'temp', 'sensor'] });
    expect(points.length).toBe(specs.filter((s) => s.key.endsWith('/sensor/temp')).length);
    expect(points.find((p) => p.key === 'hq/f1/r104/sensor/temp')).toMatchObject({
      name: 'temp',
      kind: 'sensor',
      valueType: 'number',
      unit: '°C',
      spaceId: 'hq/f1/r104',
      deviceKey: 'hq/f1/r104/sensor',
    });
    const inRoom = await core.call(admin, 'points.list', { spaceId: 'hq/f1/r104' });
    expect(inRoom.points.map((p) => p.key).sort()).toEqual(specs.filter((s) => s.spaceId === 'hq/f1/r104').map((s) => s.key).sort());
  });
});
