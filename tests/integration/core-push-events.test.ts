import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../src/shared/contract';
import { startCoreOnBroker, type CoreOnBroker } from '../helpers/core-on-broker';
import { admin } from '../helpers/temp-core';
import { waitFor } from '../helpers/wait-for';

/** What changes in the core is pushed: registry changes, device state and stored history are events of their own. */
let env: CoreOnBroker;
let device: MqttClient;
const got: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  env = await startCoreOnBroker({ mappings: [{ topic: 'bldg/{device}/{point}' }] });
  device = env.device;
  const sub = env.core.hub.attach({ session: admin, send: (event, payload) => got.push({ event, payload }) });
  await env.core.dispatcher.call({ session: admin, subscription: sub }, 'events.subscribe', {
    events: ['points.updated', 'points.changed', 'devices.changed', 'storage.changed'],
  });
});
afterAll(() => env.close());

const of = <T>(event: EventName) => got.filter((g) => g.event === event).map((g) => g.payload as T);

describe('push, never poll', () => {
  it('a point heard of for the first time is announced by points.updated before its value arrives', async () => {
    await device.publishAsync('bldg/ahu9/supplyTemp', JSON.stringify({ value: 14.2, unit: '°C' }));
    await waitFor(() => of<{ values: { value: unknown }[] }>('points.changed').some((p) => p.values.some((v) => v.value === 14.2)), 5000, 'the value');
    const updated = of<{ points: { key: string; unit: string | null }[] }>('points.updated').flatMap((p) => p.points);
    expect(updated).toContainEqual(expect.objectContaining({ key: 'ahu9/supplyTemp', unit: '°C' }));
    const firstUpdate = got.findIndex((g) => g.event === 'points.updated');
    const firstValue = got.findIndex((g) => g.event === 'points.changed');
    expect(firstUpdate).toBeLessThan(firstValue);
  });

  it('the device appears in devices.changed, is sent again only when its item changed, and a message brings it again', async () => {
    const items = () => of<{ devices: { key: string }[] }>('devices.changed').flatMap((p) => p.devices).filter((d) => d.key === 'ahu9');
    await waitFor(() => items().length > 0, 10_000, 'the device');
    // Two sweeps without a message: the rate and quality windows decay, so the item may change, but never repeats unchanged.
    await new Promise((r) => setTimeout(r, 4500));
    const quiet = items();
    quiet.slice(1).forEach((item, i) => expect(item).not.toEqual(quiet[i]));
    await device.publishAsync('bldg/ahu9/supplyTemp', JSON.stringify({ value: 14.3 }));
    await waitFor(() => items().length > quiet.length, 10_000, 'the device again after a message');
  });

  it('a purge is told by storage.changed', async () => {
    await waitFor(() => env.core.health().ingest.queued === 0);
    await env.core.call(admin, 'storage.purge', { olderThan: Date.now() + 60_000, confirm: true });
    await waitFor(() => of<{ reason: string }>('storage.changed').some((p) => p.reason === 'purge'), 10_000, 'storage.changed');
  });
});
