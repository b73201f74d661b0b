import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import type { EventName } from '../../src/shared/contract';
import type { LatestValue } from '../../src/shared/contract/schemas/points';
import { startCoreOnBroker, type CoreOnBroker } from '../helpers/core-on-broker';
import { admin } from '../helpers/temp-core';
import { waitFor } from '../helpers/wait-for';

let env: CoreOnBroker;
let broker: EmbeddedBroker;
let device: MqttClient;

beforeAll(async () => {
  env = await startCoreOnBroker({ mappings: [{ topic: 'bldg/{floor}/{room}/{device}/{point}', device: '{floor}/{room}/{device}', space: '{floor}/{room}' }] });
  ({ broker, device } = env);
});

afterAll(() => env.close());

const latestOf = (key: string) => env.latestOf(key);

describe('core ingest from a real broker into a real SQLite file', () => {
  it('discovers points from first messages and keeps their latest value', async () => {
    const ts = Date.now() - 1000;
    await device.publishAsync('bldg/f1/r101/sensor/temperature', JSON.stringify({ value: 21.5, ts, unit: '°C' }));
    await device.publishAsync('bldg/f1/r101/sensor/occupied', 'true');
    await waitFor(async () => (await latestOf('f1/r101/sensor/occupied')) !== undefined);
    expect(await latestOf('f1/r101/sensor/temperature')).toMatchObject({ value: 21.5, ts, quality: 0 });
    expect(await latestOf('f1/r101/sensor/occupied')).toMatchObject({ value: true });
    const { points } = await env.core.call(admin, 'points.list', { spaceId: 'f1/r101' });
    expect(points.map((p) => [p.name, p.unit, p.valueType])).toEqual([
      ['occupied', null, 'boolean'],
      ['temperature', '°C', 'number'],
    ]);
  });

  it('stores history that history.query returns', async () => {
    const base = Date.now() - 60_000;
    for (let i = 0; i < 30; i++) {
      await device.publishAsync('bldg/f1/r102/sensor/co2', JSON.stringify({ value: 400 + i, ts: base + i * 1000 }));
    }
    await waitFor(async () => (await latestOf('f1/r102/sensor/co2'))?.value === 429);
    const { points } = await env.core.call(admin, 'points.list', { text: 'r102/sensor/co2' });
    await waitFor(() => env.core.health().ingest.queued === 0);
    const h = await env.core.call(admin, 'history.query', { point: points[0]!.id, from: base, to: base + 60_000 });
    expect(h.source).toBe('raw');
    expect(h.samples.map((s) => s.value)).toEqual(Array.from({ length: 30 }, (_, i) => 400 + i));
  });

  it('counts bad input by reason and keeps going', async () => {
    await device.publishAsync('bldg/f1/r103/sensor/temperature', '18');
    await waitFor(async () => (await latestOf('f1/r103/sensor/temperature'))?.value === 18);
    const before = env.core.health().ingest.deadLettered;
    await device.publishAsync('bldg/f1/r103/sensor/temperature', 'not json {');
    await device.publishAsync('bldg/f1/r103/sensor/temperature', JSON.stringify({ value: 'warm' }));
    await device.publishAsync('bldg/f1/r103/sensor/temperature', '{"value": 1e999}');
    await device.publishAsync('bldg/f1/r103/sensor/temperature', JSON.stringify({ value: 20, ts: 'yesterday-ish' }));
    await device.publishAsync('bldg/f1/r103/sensor/temperature', JSON.stringify({ other: 1 }));
    await device.publishAsync('bldg/f1/r103/sensor/temperature', JSON.stringify({ value: 19.5 }));
    await waitFor(async () => (await latestOf('f1/r103/sensor/temperature'))?.value === 19.5);
    const after = env.core.health().ingest.deadLettered;
    expect((after['not-json'] ?? 0) - (before['not-json'] ?? 0)).toBe(1);
    expect((after['bad-value'] ?? 0) - (before['bad-value'] ?? 0)).toBe(2);
    expect((after['bad-timestamp'] ?? 0) - (before['bad-timestamp'] ?? 0)).toBe(1);
    expect((after['no-value'] ?? 0) - (before['no-value'] ?? 0)).toBe(1);
  });

  it('flags a timestamp in the future as bad and keeps it out of the latest value', async () => {
    await device.publishAsync('bldg/f1/r104/sensor/temperature', JSON.stringify({ value: 20, ts: Date.now() - 500 }));
    await device.publishAsync('bldg/f1/r104/sensor/temperature', JSON.stringify({ value: 99, ts: Date.now() + 86_400_000 }));
    await device.publishAsync('bldg/f1/r104/sensor/temperature', JSON.stringify({ value: 21 }));
    await waitFor(async () => (await latestOf('f1/r104/sensor/temperature'))?.value === 21);
  });

  it('pushes coalesced points.changed to subscribers and stops after unsubscribe', async () => {
    const received: LatestValue[][] = [];
    const sub = env.core.hub.attach({
      session: admin,
      send: (name: EventName, payload: unknown) => {
        if (name === 'points.changed') received.push((payload as { values: LatestValue[] }).values);
      },
    });
    await env.core.dispatcher.call({ session: admin, subscription: sub }, 'events.subscribe', { events: ['points.changed'] });
    for (let i = 0; i < 50; i++) await device.publishAsync('bldg/f2/r201/sensor/temperature', String(20 + i / 10));
    await waitFor(() => received.flat().some((v) => v.value === 24.9));
    // 50 messages arrive in far fewer notifications, each carrying a point at most once.
    expect(received.length).toBeLessThan(50);
    for (const batch of received) expect(new Set(batch.map((v) => v.id)).size).toBe(batch.length);
    await env.core.dispatcher.call({ session: admin, subscription: sub }, 'events.unsubscribe', {});
    const count = received.length;
    await device.publishAsync('bldg/f2/r201/sensor/temperature', '30');
    await new Promise((r) => setTimeout(r, 200));
    expect(received.length).toBe(count);
    sub.detach();
  });

  it('reports the broker link with its URL and state', () => {
    const [link] = env.core.health().brokers;
    expect(link).toMatchObject({ id: 'site', url: broker.url, state: 'up', embedded: false });
  });
});
