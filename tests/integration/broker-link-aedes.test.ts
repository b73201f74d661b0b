import http from 'node:http';
import type net from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import { testBroker } from '../../src/core/iot/transport/broker-probe';
import { BrokerConfig } from '../../src/shared/contract/schemas/brokers';
import { recordedLink, type RecordedLink } from '../helpers/broker-links';
import { waitFor } from '../helpers/wait-for';

// aedes in-process: the embedded demo broker over TCP, and aedes behind a WebSocket server for ws:// links.
let embedded: EmbeddedBroker;
let wsBroker: { url: string; close(): Promise<void> };
let publisher: MqttClient;
const open: RecordedLink[] = [];

function link(...args: Parameters<typeof recordedLink>): RecordedLink {
  const l = recordedLink(...args);
  open.push(l);
  return l;
}

async function startWebSocketBroker(): Promise<{ url: string; close(): Promise<void> }> {
  const aedes = await Aedes.createBroker();
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/mqtt' });
  wss.on('connection', (socket) => aedes.handle(createWebSocketStream(socket) as unknown as net.Socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/mqtt`,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}

beforeAll(async () => {
  [embedded, wsBroker] = await Promise.all([startEmbeddedBroker(), startWebSocketBroker()]);
  publisher = await mqtt.connectAsync(embedded.url);
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.link.stop()));
});

afterAll(async () => {
  await publisher?.endAsync();
  await Promise.all([embedded?.stop(), wsBroker?.close()]);
});

describe('broker link against aedes', () => {
  it('receives from the embedded broker, and keeps its session across a stop', async () => {
    const first = link({ url: embedded.url, protocolVersion: 4 }, { installationId: 'aedes001' });
    first.start(['bldg/+/+']);
    await first.reach('up');
    await publisher.publishAsync('bldg/ahu1/temp', 'live', { qos: 1 });
    await waitFor(() => first.messages.length === 1, 5000, 'the live message');
    await first.link.stop();
    for (let i = 0; i < 50; i++) await publisher.publishAsync(`bldg/ahu${i}/temp`, String(i), { qos: 1 });
    const second = link({ url: embedded.url, protocolVersion: 4 }, { installationId: 'aedes001' });
    second.start(['bldg/+/+']);
    await waitFor(() => second.messages.length >= 50, 5000, '50 messages kept for the session');
    expect(second.messages.map((m) => Number(m.payload))).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('speaks MQTT 3.1.1 to aedes, which refuses MQTT 5, unless MQTT 5 was asked for explicitly', async () => {
    const auto = link({ id: 'auto', url: embedded.url });
    const five = link({ id: 'five', url: embedded.url, protocolVersion: 5 });
    auto.start(['bldg/+/+']);
    five.start(['bldg/+/+']);
    await auto.reach('up');
    expect(auto.states.map((s) => s.state)).toEqual(['connecting', 'up']);
    await five.reach('down', /^the broker does not support MQTT 5 — set protocol version 4 \(MQTT 3\.1\.1\)$/);
  });

  it('probes aedes through to a subscription, in MQTT 3.1.1', async () => {
    const config = BrokerConfig.parse({ id: 'site', name: 'Site', url: embedded.url, mappings: [{ topic: 'bldg/{device}/{point}' }] });
    const r = await testBroker(config, { timeoutMs: 5000 });
    expect(r.ok).toBe(true);
    expect(r.steps.find((s) => s.step === 'mqtt')?.message).toBe('the broker accepted the connection in MQTT 3.1.1; it does not speak MQTT 5');
  });

  it('goes down when the embedded broker stops, and says the connection was lost', async () => {
    const broker = await startEmbeddedBroker();
    const l = link({ url: broker.url });
    l.start(['bldg/#']);
    await l.reach('up');
    await broker.stop();
    await l.reach('down', /^connection refused: no broker is listening at that address$/);
    expect(l.states.find((s) => s.state === 'down')?.lastError).toMatch(/the connection to the broker was lost|connection reset by the broker/);
  });

  it('connects over a WebSocket (ws://) and receives', async () => {
    const l = link({ url: wsBroker.url });
    l.start(['bldg/+/+']);
    await l.reach('up');
    const wsPublisher = await mqtt.connectAsync(wsBroker.url);
    await wsPublisher.publishAsync('bldg/ahu1/temp', 'over ws', { qos: 1 });
    await wsPublisher.endAsync();
    await waitFor(() => l.messages.some((m) => m.payload === 'over ws'), 5000, 'the message over ws');
  });

  it('points at the URL’s path when the WebSocket is refused', async () => {
    const l = link({ url: wsBroker.url.replace('/mqtt', '/wrong') });
    l.start(['bldg/#']);
    await l.reach('down', /^the WebSocket closed before the broker answered — check the URL’s path \(often \/mqtt\)$/);
  });
});
