import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoBuilding } from '../../src/core/demo/building';
import { admin, startTempCore } from '../helpers/temp-core';
import { waitFor } from '../helpers/wait-for';

const building = loadDemoBuilding();
const roomSensors = building.devices.filter((d) => d.type === 'room-sensor');
let env: Awaited<ReturnType<typeof startTempCore>>;

beforeAll(async () => {
  env = await startTempCore({ demo: { enabled: true } });
});
afterAll(() => env.close());

describe('the Devices contract on the demo site', () => {
  it('lists the demo devices with the profile of their type, online once they publish', async () => {
    await waitFor(
      async () => (await env.core.call(admin, 'devices.list', { profile: 'room-sensor', online: true })).total === roomSensors.length,
      30_000,
      'every room sensor online',
    );
    const { devices } = await env.core.call(admin, 'devices.list');
    const byKey = new Map(devices.map((d) => [d.key, d]));
    for (const d of building.devices) {
      const listed = byKey.get(d.key);
      // Some demo devices may be published through another protocol under another key.
      if (listed) expect({ key: d.key, profile: listed.profile, source: listed.profileSource }).toEqual({ key: d.key, profile: d.type, source: 'matched' });
    }
    const sensor = byKey.get(roomSensors[0]!.key)!;
    expect(sensor).toMatchObject({ online: true, reason: 'message', pointCount: 5, expectedIntervalS: 60, spaceId: roomSensors[0]!.spaceId, battery: null });
    expect(sensor.name).toBe(roomSensors[0]!.name);
  });

  it('gives a room sensor with its points, latest values and good quality', async () => {
    const key = roomSensors[3]!.key;
    await waitFor(async () => (await env.core.call(admin, 'devices.get', { key })).points.every((p) => p.latest !== null), 30_000, 'values');
    const got = await env.core.call(admin, 'devices.get', { key });
    expect(got.profile?.id).toBe('room-sensor');
    expect(got.points.map((p) => p.point.name)).toEqual(['co2', 'humidity', 'illuminance', 'occupancy', 'temp']);
    for (const p of got.points) {
      expect({ point: p.point.name, quality: p.latest!.quality, bad: p.quality.bad }).toEqual({ point: p.point.name, quality: 0, bad: 0 });
    }
    // The room-sensor profile narrows the table's air temperature range.
    expect(got.points.find((p) => p.point.name === 'temp')!.limits).toMatchObject({ min: -10, max: 60, maxRatePerS: 1, flatlineS: 14_400 });
    await waitFor(async () => (await env.core.call(admin, 'devices.get', { key })).device.ratePerMin > 0, 10_000, 'a message rate');
  });
});
