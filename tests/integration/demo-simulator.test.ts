import net from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPointSpecs, demoTopic, loadDemoBuilding } from '../../src/core/demo/building';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import { startSimulator } from '../../src/core/demo/simulator';
import { isPlantDevice } from '../../src/core/demo/simulator/sparkplug-plant';
import { RANGES } from '../helpers/demo-ranges';
import { waitFor } from '../helpers/wait-for';

const building = loadDemoBuilding();
// The central plant publishes over Sparkplug B (tests/integration/sparkplug-ingest-demo.test.ts); the rest as JSON.
const plant = new Set(building.devices.filter(isPlantDevice).map((d) => d.key));
const specs = demoPointSpecs(building).filter((s) => !plant.has(s.deviceKey));
const specByTopic = new Map(specs.map((s) => [demoTopic(s.deviceKey, s.name!), s]));
const INTERVAL_S = 0.5;

interface Received {
  topic: string;
  payload: { value: unknown; ts: unknown; unit?: unknown };
  at: number;
}

let broker: EmbeddedBroker;
let watcher: MqttClient;
const received: Received[] = [];
const stops: (() => Promise<void>)[] = [];

async function watch(url: string): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 200 });
  client.on('message', (topic, payload) => received.push({ topic, payload: JSON.parse(payload.toString('utf8')) as Received['payload'], at: Date.now() }));
  await client.subscribeAsync('arxos/#');
  return client;
}

beforeAll(async () => {
  broker = await startEmbeddedBroker();
  watcher = await watch(broker.url);
});

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

afterAll(async () => {
  await watcher.endAsync(true);
  await broker.stop();
});

async function simulate(url = broker.url) {
  const sim = await startSimulator(building, { brokerUrl: url, speed: 60, publishIntervalS: INTERVAL_S });
  stops.push(() => sim.stop());
  return sim;
}

describe('the demo simulator over a real broker', () => {
  it('publishes every point outside the central plant as JSON devices, with plausible values', async () => {
    received.length = 0;
    const since = Date.now();
    await simulate();
    await waitFor(() => new Set(received.map((r) => r.topic)).size >= specByTopic.size, 15_000, 'a message on every point topic');
    // Three publish intervals more, to see values move.
    const settled = Date.now();
    await waitFor(() => received.some((r) => r.at > settled + 3 * INTERVAL_S * 1000), 10_000, 'more publications');

    expect([...new Set(received.map((r) => r.topic))].sort()).toEqual([...specByTopic.keys()].sort());
    const problems: string[] = [];
    const registers = new Map<string, number>();
    for (const { topic, payload } of received) {
      const spec = specByTopic.get(topic)!;
      const unit = spec.unit ?? null;
      if (typeof payload.ts !== 'number' || payload.ts < since || payload.ts > Date.now()) problems.push(`${topic}: ts ${String(payload.ts)}`);
      if ((payload.unit ?? null) !== unit) problems.push(`${topic}: unit ${String(payload.unit)} for ${unit}`);
      if (spec.valueType === 'boolean') {
        if (typeof payload.value !== 'boolean') problems.push(`${topic}: ${String(payload.value)} is not a boolean`);
        continue;
      }
      const [lo, hi] = unit === null ? [0, 100] : RANGES[unit]!;
      if (typeof payload.value !== 'number' || !(payload.value >= lo && payload.value <= hi)) problems.push(`${topic}: ${String(payload.value)} outside ${lo}..${hi}`);
      if (unit === 'kWh' || unit === 'm³') {
        const previous = registers.get(topic) ?? -Infinity;
        if ((payload.value as number) < previous) problems.push(`${topic}: register went back from ${previous} to ${String(payload.value)}`);
        registers.set(topic, payload.value as number);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    const temps = received.filter((r) => r.topic.endsWith('/sensor/temp')).map((r) => r.payload.value as number);
    expect(Math.min(...temps)).toBeGreaterThan(5);
    expect(Math.max(...temps)).toBeLessThan(35);
  });

  it('rides out a broker restart and stops cleanly afterwards', async () => {
    const port = broker.port;
    const sim = await simulate();
    await waitFor(() => received.length > 0, 10_000, 'first publications');
    await broker.stop();
    broker = await startEmbeddedBroker(port);
    const restarted = Date.now();
    await waitFor(() => received.some((r) => r.at > restarted && r.topic.endsWith('/weather/temp')), 20_000, 'publications after the restart');

    await sim.stop();
    // Let what was already on the wire arrive; after that a stopped simulator, with no timer
    // left behind, sends nothing more over several intervals.
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await sleep(INTERVAL_S * 1000);
    const count = received.length;
    await sleep(4 * INTERVAL_S * 1000);
    expect(received.length).toBe(count);
  });

  it('stops cleanly while its broker is gone', async () => {
    const spare = await startEmbeddedBroker();
    const sim = await simulate(spare.url);
    await spare.stop();
    await sim.stop();
    await sim.stop();
  });

  it('refuses to start without a broker, saying where it tried', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    await expect(startSimulator(building, { brokerUrl: `mqtt://127.0.0.1:${port}`, speed: 1, publishIntervalS: 1 })).rejects.toThrow(
      `the demo simulator cannot connect to mqtt://127.0.0.1:${port}`,
    );
  });

  it('refuses a bad speed or interval before connecting', async () => {
    await expect(startSimulator(building, { brokerUrl: broker.url, speed: 0, publishIntervalS: 1 })).rejects.toThrow(/speed must be/);
    await expect(startSimulator(building, { brokerUrl: broker.url, speed: 1, publishIntervalS: -1 })).rejects.toThrow(/publish interval/);
  });
});
