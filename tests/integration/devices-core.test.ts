import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import type { MethodOutput } from '../../src/shared/contract';
import { ErrorCode } from '../../src/shared/errors';
import { qualityReasonsOf } from '../../src/shared/quality';
import { failure } from '../helpers/api-failure';
import { startCoreOnBroker, type CoreOnBroker } from '../helpers/core-on-broker';
import { admin, viewer } from '../helpers/temp-core';
import { waitFor } from '../helpers/wait-for';

type DeviceItem = MethodOutput<'devices.list'>['devices'][number];

let env: CoreOnBroker;
let broker: EmbeddedBroker;
let device: MqttClient;

beforeAll(async () => {
  env = await startCoreOnBroker({ mappings: [{ topic: 'bldg/{floor}/{room}/{device}/{point}', device: '{floor}/{room}/{device}', space: '{floor}/{room}' }] });
  ({ broker, device } = env);
});

afterAll(() => env.close());

const publish = (topic: string, value: number | string, ts = Date.now()) => device.publishAsync(`bldg/${topic}`, JSON.stringify({ value, ts }));

async function deviceItem(key: string): Promise<DeviceItem | undefined> {
  const { devices } = await env.core.call(admin, 'devices.list', { text: key });
  return devices.find((d) => d.key === key);
}

describe('devices discovered from their messages', () => {
  it('are listed online with last seen, message rate and the quality of their samples', async () => {
    const t = Date.now() - 10_000;
    // A discovered point takes its unit from its first payload.
    await device.publishAsync('bldg/f1/r1/meter/energy', JSON.stringify({ value: 999, ts: t - 1000, unit: 'kWh' }));
    for (let i = 0; i < 5; i++) await publish('f1/r1/meter/energy', 1000 + i, t + i * 1000);
    // A counter that goes back is outside the physical range of an energy register.
    await publish('f1/r1/meter/energy', 900, t + 5000);
    await waitFor(async () => (await deviceItem('f1/r1/meter'))?.quality.bad === 1, 10_000, 'the bad sample counted');
    const item = (await deviceItem('f1/r1/meter'))!;
    expect(item).toMatchObject({ online: true, reason: 'message', spaceId: 'f1/r1', pointCount: 1, profile: null });
    expect(item.lastSeen).toBeGreaterThan(t);
    await waitFor(async () => ((await deviceItem('f1/r1/meter'))?.ratePerMin ?? 0) > 0, 10_000, 'a message rate');
  });

  it('devices.get gives its points with latest values, quality summary and limits in force', async () => {
    await device.publishAsync('bldg/f1/r2/sensor/temperature', JSON.stringify({ value: 21.5, ts: Date.now() - 4000, unit: '°C' }));
    await device.publishAsync('bldg/f1/r2/sensor/temperature', JSON.stringify({ value: 480, ts: Date.now() - 2000 }));
    await waitFor(async () => (await deviceItem('f1/r2/sensor'))?.qualityNow === 'bad', 10_000, 'the bad value');
    const got = await env.core.call(admin, 'devices.get', { key: 'f1/r2/sensor' });
    expect(got.device.key).toBe('f1/r2/sensor');
    expect(got.points).toHaveLength(1);
    const [temp] = got.points;
    expect(temp!.point).toMatchObject({ name: 'temperature', unit: '°C' });
    expect(temp!.latest?.value).toBe(480);
    expect(qualityReasonsOf(temp!.latest!.quality)).toContain('outOfRange');
    expect(temp!.quality).toMatchObject({ good: 1, bad: 1, reasons: expect.arrayContaining([{ reason: 'outOfRange', count: 1 }]) });
    expect(temp!.limits).toMatchObject({ min: -60, max: 300 });
    expect((await env.core.call(admin, 'devices.list', { quality: 'bad' })).devices.map((d) => d.key)).toContain('f1/r2/sensor');
  });
});

describe('a device registered from a profile', () => {
  it('goes offline on heartbeat timeout, its values turn stale, and it comes back with its next message', async () => {
    const registered = await env.core.call(admin, 'devices.register', { key: 'f2/r5/vav', name: 'VAV box 205', profile: 'vav', space: 'f2/r5', expectedIntervalS: 1 });
    expect(registered).toMatchObject({ name: 'VAV box 205', profile: 'vav', profileSource: 'registered', online: false, pointCount: 4, expectedIntervalS: 1 });
    for (const [name, v] of [['damper', 40], ['airflow', 310], ['setpoint', 21], ['reheat', 0]] as const) await publish(`f2/r5/vav/${name}`, v);
    await waitFor(async () => (await deviceItem('f2/r5/vav'))?.online === true, 10_000, 'online');

    await waitFor(async () => (await deviceItem('f2/r5/vav'))?.reason === 'heartbeat timeout', 15_000, 'the heartbeat timeout');
    const off = (await deviceItem('f2/r5/vav'))!;
    expect(off.online).toBe(false);
    expect(off.reasonText).toContain('heartbeat timeout');
    const { points } = await env.core.call(admin, 'devices.get', { id: off.id });
    for (const p of points) expect(qualityReasonsOf(p.latest!.quality)).toContain('stale');

    await publish('f2/r5/vav/airflow', 320);
    await waitFor(async () => (await deviceItem('f2/r5/vav'))?.online === true, 10_000, 'back online');
    const back = await env.core.call(admin, 'devices.get', { key: 'f2/r5/vav' });
    expect(back.device.reason).toBe('message');
    expect(back.points.find((p) => p.point.name === 'airflow')!.latest).toMatchObject({ value: 320, quality: 0 });
  });

  it('reports battery and signal, and goes offline when its last will says so', async () => {
    await env.core.call(admin, 'devices.register', { key: 'f3/r7/wsensor', name: 'Wireless sensor 307', profile: 'wireless-room-sensor', space: 'f3/r7' });
    const radio = await mqtt.connectAsync(broker.url, {
      reconnectPeriod: 0,
      will: { topic: 'bldg/f3/r7/wsensor/availability', payload: Buffer.from(JSON.stringify({ value: 'offline' })), qos: 0, retain: false },
    });
    const send = (name: string, value: number | string) => radio.publishAsync(`bldg/f3/r7/wsensor/${name}`, JSON.stringify({ value, ts: Date.now() }));
    await send('availability', 'online');
    await send('temperature', 22.1);
    await send('battery', 87);
    await send('rssi', -71);
    await waitFor(async () => (await deviceItem('f3/r7/wsensor'))?.signal !== null, 10_000, 'the signal reading');
    const on = (await deviceItem('f3/r7/wsensor'))!;
    expect(on).toMatchObject({ online: true, battery: { value: 87, unit: '%' }, signal: { value: -71, unit: 'dBm' } });

    // The radio drops off without a goodbye: the broker publishes its will.
    radio.stream.destroy();
    await waitFor(async () => (await deviceItem('f3/r7/wsensor'))?.online === false, 10_000, 'the will');
    const off = (await deviceItem('f3/r7/wsensor'))!;
    expect(off).toMatchObject({ reason: 'status' });
    expect(off.reasonText).toContain('availability = offline');
    await waitFor(
      async () => {
        const { points } = await env.core.call(admin, 'devices.get', { key: 'f3/r7/wsensor' });
        return qualityReasonsOf(points.find((p) => p.point.name === 'temperature')!.latest!.quality).includes('deviceOffline');
      },
      10_000,
      'its values marked as from an offline device',
    );
    radio.end(true);
  });
});

describe('the contract', () => {
  it('filters by online state, text, space and profile', async () => {
    await waitFor(async () => (await deviceItem('f3/r7/wsensor'))?.online === false);
    const offline = await env.core.call(admin, 'devices.list', { online: false });
    expect(offline.devices.every((d) => !d.online)).toBe(true);
    expect(offline.devices.map((d) => d.key)).toContain('f3/r7/wsensor');
    expect((await env.core.call(admin, 'devices.list', { spaceId: 'f2/r5' })).devices.map((d) => d.key)).toEqual(['f2/r5/vav']);
    expect((await env.core.call(admin, 'devices.list', { profile: 'vav' })).devices.map((d) => d.key)).toEqual(['f2/r5/vav']);
    const none = await env.core.call(admin, 'devices.list', { profile: 'none' });
    expect(none.devices.map((d) => d.key)).toEqual(expect.arrayContaining(['f1/r1/meter', 'f1/r2/sensor']));
    expect((await env.core.call(admin, 'devices.list', { text: 'VAV BOX' })).total).toBe(1);
    const { profiles } = await env.core.call(viewer, 'devices.profiles');
    expect(profiles.map((p) => p.id)).toContain('room-sensor');
  });

  it('a viewer may look but not register; unknown devices are not found', async () => {
    expect((await env.core.call(viewer, 'devices.list')).total).toBeGreaterThan(0);
    const forbidden = await failure(env.core.call(viewer, 'devices.register', { key: 'a/b', name: 'B', profile: 'vav' }));
    expect(forbidden.code).toBe(ErrorCode.Forbidden);
    const operator = { user: 'op', role: 'operator', via: 'internal' } as const;
    expect((await failure(env.core.call(operator, 'devices.setLimits', { point: 1, limits: null }))).code).toBe(ErrorCode.Forbidden);
    const engineer = { user: 'eng', role: 'engineer', via: 'internal' } as const;
    expect(await env.core.call(engineer, 'devices.register', { key: 'f4/r1/lights', name: 'Lights 401', profile: 'lighting' })).toMatchObject({ pointCount: 1 });
    expect((await failure(env.core.call(admin, 'devices.get', { key: 'no/such' }))).code).toBe(ErrorCode.NotFound);
    expect((await failure(env.core.call(admin, 'devices.get', {}))).message).toContain('give either id or key');
    const bad = await failure(env.core.call(admin, 'devices.register', { key: '/a//b', name: 'B', profile: 'vav' }));
    expect(bad.message).toContain('key');
  });

  it('devices.setLimits changes what counts as in range', async () => {
    const { points } = await env.core.call(admin, 'devices.get', { key: 'f2/r5/vav' });
    const airflow = points.find((p) => p.point.name === 'airflow')!;
    const set = await env.core.call(admin, 'devices.setLimits', { point: airflow.point.id, limits: { max: 300 } });
    expect(set).toMatchObject({ limits: { min: 0, max: 300 }, override: { max: 300 } });
    await publish('f2/r5/vav/airflow', 350);
    await waitFor(async () => {
      const got = await env.core.call(admin, 'devices.get', { key: 'f2/r5/vav' });
      const latest = got.points.find((p) => p.point.name === 'airflow')!.latest!;
      return latest.value === 350 && qualityReasonsOf(latest.quality).includes('outOfRange');
    });
  });
});
