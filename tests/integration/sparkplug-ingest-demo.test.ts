import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPointSpecs, loadDemoBuilding } from '../../src/core/demo/building';
import { isPlantDevice, plantDeviceKey } from '../../src/core/demo/simulator/sparkplug-plant';
import { admin, startTempCore } from '../helpers/temp-core';
import { waitFor } from '../helpers/wait-for';

const building = loadDemoBuilding();
const plant = building.devices.filter(isPlantDevice);
let env: Awaited<ReturnType<typeof startTempCore>>;

beforeAll(async () => {
  env = await startTempCore({ demo: { enabled: true, publishIntervalS: 0.5 } });
});
afterAll(() => env.close());

describe('the demo’s central plant over Sparkplug B', () => {
  it('keeps the building’s kind, unit, tags and room for the plant points, under their Sparkplug keys', async () => {
    const specs = demoPointSpecs(building);
    for (const d of plant) {
      const key = plantDeviceKey(building, d);
      const { points } = await env.core.call(admin, 'points.list', { text: key });
      const expected = specs
        .filter((s) => s.deviceKey === d.key)
        .map((s) => ({ key: `${key}/${s.name}`, name: s.name, deviceKey: key, kind: s.kind, unit: s.unit, tags: s.tags, spaceId: s.spaceId, valueType: s.valueType }));
      expect(points.map(({ key: k, name, deviceKey, kind, unit, tags, spaceId, valueType }) => ({ key: k, name, deviceKey, kind, unit, tags, spaceId, valueType }))).toEqual(
        expect.arrayContaining(expected),
      );
      expect(points).toHaveLength(expected.length);
    }
  });

  it('brings the edge node and the plant online from their births, with values and nothing refused', async () => {
    const keys = plant.map((d) => plantDeviceKey(building, d));
    const deviceOf = (key: string) => env.core.call(admin, 'devices.get', { key });
    await waitFor(async () => (await Promise.all(keys.map(deviceOf))).every((d) => d.points.every((p) => p.latest !== null)), 30_000, 'plant values');
    expect((await deviceOf(`${building.key}/central-plant`)).device).toMatchObject({ online: true, reason: 'NBIRTH' });
    for (const key of keys) expect((await deviceOf(key)).device.online).toBe(true);
    const chiller = await deviceOf(`${building.key}/central-plant/chiller`);
    expect(chiller.points.find((p) => p.point.name === 'running')?.latest?.value).toEqual(expect.any(Boolean));
    // The edge node waited for the core's link to announce itself: no data came before a birth.
    expect(env.core.health().ingest.deadLettered).toEqual({});
  });
});
