import fs from 'node:fs';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startConsoleServer, type ConsoleServer } from '../../src/core/console/console-server';
import type { LatestValue } from '../../src/shared/contract/schemas/points';
import type { RpcNotification } from '../../src/shared/rpc';
import { startCoreOnBroker, type CoreOnBroker } from '../helpers/core-on-broker';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

// A client that stops reading must not make the core queue for it without bound; once it reads
// again it must still end up with every point's latest value.
let env: CoreOnBroker;
let server: ConsoleServer;
let device: MqttClient;
let rendererDir: string;

beforeAll(async () => {
  env = await startCoreOnBroker({ protocolVersion: 4, mappings: [{ topic: 'b/{device}/{point}' }] });
  device = env.device;
  rendererDir = tempDir();
  server = await startConsoleServer({ core: env.core, dataDir: env.dir, rendererDir, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.stop();
  await env.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

const latestOf = (key: string) => env.latestOf(key);

it('holds back points.changed for a client that does not read, then sends the latest values when it drains', async () => {
  await device.publishAsync('b/ahu/supply', '10');
  await waitFor(async () => (await latestOf('ahu/supply'))?.value === 10);
  const pointId = (await latestOf('ahu/supply'))!.id;

  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`);
  await new Promise((resolve) => ws.once('open', resolve));
  const notifications: RpcNotification[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (m.method === 'points.changed') notifications.push(m);
  });
  ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'events.subscribe', params: { events: ['points.changed'] } }));
  await waitFor(() => env.core.hub.wants('points.changed'));

  ws.pause();
  // 400 notifications of ~250 kB each (100 MB): far more than the socket and the kernel buffer.
  const bulk = Array.from({ length: 2000 }, (_, i) => ({ id: 1_000_000 + i, ts: Date.now(), value: 'x'.repeat(100), quality: 0 }));
  const published = 400;
  for (let i = 0; i < published; i++) env.core.hub.publish('points.changed', { values: bulk });
  // A real change arrives while the client is still not reading.
  await device.publishAsync('b/ahu/supply', '42');
  await waitFor(async () => (await latestOf('ahu/supply'))?.value === 42);

  ws.resume();
  await waitFor(
    () => notifications.some((n) => (n.params as { values: LatestValue[] }).values.some((v) => v.id === pointId && v.value === 42)),
    20_000,
    'the held-back point to arrive with its latest value',
  );
  const bulkReceived = notifications.filter((n) => (n.params as { values: LatestValue[] }).values.length === bulk.length).length;
  expect(bulkReceived).toBeGreaterThan(0);
  expect(bulkReceived).toBeLessThan(published);
  ws.close();
});
