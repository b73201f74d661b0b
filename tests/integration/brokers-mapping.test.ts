import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import { ApiError } from '../../src/shared/errors';
import { testBackoff } from '../helpers/broker-links';
import { admin, startTempCore } from '../helpers/temp-core';
import { waitFor } from '../helpers/wait-for';

// JSON mapping features with real payloads, through a real core (aedes broker, link, ingest, SQLite file).
let broker: EmbeddedBroker;
let env: Awaited<ReturnType<typeof startTempCore>>;
let publisher: MqttClient;
// A recent whole second: a time far in the past would be marked implausible and never become the latest value.
const T0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;

beforeAll(async () => {
  broker = await startEmbeddedBroker();
  env = await startTempCore();
  publisher = await mqtt.connectAsync(broker.url, { clientId: 'mapping-publisher', protocolVersion: 4 });
  await env.core.call(admin, 'brokers.save', {
    id: 'devices',
    name: 'Field devices',
    url: broker.url,
    backoff: testBackoff,
    mappings: [
      // Zigbee2MQTT-style: one message, several points.
      { topic: 'z2m/{floor}/{device}', device: '{floor}/{device}', space: '{floor}', points: 'keys', ignoreKeys: ['linkquality'], units: { temperature: '°C', humidity: '%RH', battery: '%' }, kind: 'sensor', tags: ['zone', 'air'] },
      // A raw sensor count: °C = raw × 0.1 − 40.
      { topic: 'raw/{device}/{point}', valuePath: '', scale: 0.1, offset: -40, unit: '°C' },
      { topic: 'plain/{device}/{point}' },
    ],
  });
  await waitFor(() => env.core.health().brokers[0]?.state === 'up', 10_000, 'the link up');
});

afterAll(async () => {
  await publisher?.endAsync();
  await env?.close();
  await broker?.stop();
});

async function point(key: string) {
  const { points } = await env.core.call(admin, 'points.list', { text: key });
  return points.find((p) => p.key === key);
}

async function latestOf(key: string): Promise<{ value: unknown; ts: number } | undefined> {
  const p = await point(key);
  if (p === undefined) return undefined;
  return (await env.core.call(admin, 'points.latest', { ids: [p.id] })).values[0];
}

describe('mapping features through the core', () => {
  it('an object of several points: each key a point, with unit, kind, tags, space and the shared time', async () => {
    const payload = { temperature: '21.5', humidity: 40.5, battery: 97, linkquality: 120, occupancy: true, update: null, ts: T0 / 1000 };
    await publisher.publishAsync('z2m/f2/th-7', JSON.stringify(payload), { qos: 1 });
    await waitFor(async () => (await latestOf('f2/th-7/occupancy')) !== undefined, 10_000, 'the points of th-7');
    const temperature = await point('f2/th-7/temperature');
    expect(temperature).toMatchObject({ name: 'temperature', deviceKey: 'f2/th-7', unit: '°C', kind: 'sensor', tags: ['zone', 'air'], spaceId: 'f2', valueType: 'number' });
    expect(await latestOf('f2/th-7/temperature')).toMatchObject({ value: 21.5, ts: T0 });
    expect(await latestOf('f2/th-7/humidity')).toMatchObject({ value: 40.5 });
    expect((await point('f2/th-7/occupancy'))?.valueType).toBe('boolean');
    expect(await point('f2/th-7/linkquality')).toBeUndefined();
    expect(await point('f2/th-7/update')).toBeUndefined();
    // The numeric string was stored as a number: it has a history.
    const history = await env.core.call(admin, 'history.query', { point: temperature!.id, from: T0 - 1000, to: T0 + 1000 });
    expect(history.samples.map((s) => s.value)).toEqual([21.5]);
  });

  it('scaling with a unit override, on a bare numeric-string payload', async () => {
    await publisher.publishAsync('raw/probe-1/temp', '"615"', { qos: 1 });
    await waitFor(async () => (await latestOf('probe-1/temp')) !== undefined, 10_000, 'probe-1/temp');
    expect((await latestOf('probe-1/temp'))?.value).toBeCloseTo(21.5, 9);
    expect((await point('probe-1/temp'))?.unit).toBe('°C');
  });

  it('a numeric string without scaling makes a numeric point', async () => {
    await publisher.publishAsync('plain/meter-1/energy', JSON.stringify({ value: '1234.5', unit: 'kWh' }), { qos: 1 });
    await waitFor(async () => (await latestOf('meter-1/energy')) !== undefined, 10_000, 'meter-1/energy');
    expect(await latestOf('meter-1/energy')).toMatchObject({ value: 1234.5 });
    expect(await point('meter-1/energy')).toMatchObject({ valueType: 'number', unit: 'kWh' });
  });

  it('a keys message that cannot be read is refused whole and counted', async () => {
    const before = env.core.health().ingest.deadLettered['no-value'] ?? 0;
    await publisher.publishAsync('z2m/f2/th-8', JSON.stringify({ color: { x: 0.3, y: 0.4 }, temperature: 20 }), { qos: 1 });
    await waitFor(() => (env.core.health().ingest.deadLettered['no-value'] ?? 0) === before + 1, 10_000, 'the refusal counted');
    expect(await point('f2/th-8/temperature')).toBeUndefined();
  });
});

describe('brokers.previewMapping', () => {
  it('shows what a sample message yields, with the same decoding as the link', async () => {
    const out = await env.core.call(admin, 'brokers.previewMapping', {
      mapping: { topic: 'raw/{device}/{point}', valuePath: 'v', timestampPath: 't', scale: 0.01, unit: 'bar' },
      topic: 'raw/pump-2/pressure',
      payload: JSON.stringify({ v: '250', t: new Date(T0).toISOString() }),
    });
    expect(out).toEqual({
      filter: 'raw/+/+',
      matched: true,
      captures: { device: 'pump-2', point: 'pressure' },
      deviceKey: 'pump-2',
      spaceId: null,
      readings: [{ pointKey: 'pump-2/pressure', name: 'pressure', value: 2.5, valueType: 'number', unit: 'bar', ts: T0, kind: 'sensor', tags: [] }],
      error: null,
    });
    expect(await point('pump-2/pressure')).toBeUndefined();
  });

  it('takes binary payloads as base64 and says why they would be refused', async () => {
    const out = await env.core.call(admin, 'brokers.previewMapping', {
      mapping: { topic: 'plain/{device}/{point}' },
      topic: 'plain/a/b',
      payload: Buffer.from([0xff, 0x00, 0x13]).toString('base64'),
      encoding: 'base64',
    });
    expect(out.error).toEqual({ reason: 'not-json', message: 'payload is not valid JSON' });
  });

  it('refuses a mapping that cannot work, naming its field', async () => {
    const err = await env.core.call(admin, 'brokers.previewMapping', { mapping: { topic: 'a/{device}', device: '{site}/{device}', point: 'x' }, topic: 'a/b', payload: '1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toContain('mapping.device: uses {site}, which is not captured');
  });
});
