import net from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import sparkplug from 'sparkplug-payload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import { startSparkplugEdgeNode, type SparkplugEdgeNode } from '../../src/core/demo/sparkplug-edge-node';
import { SparkplugSession, type SparkplugReading, type SparkplugResult, type SparkplugStatus } from '../../src/core/iot/protocols/sparkplug/session';
import { waitFor } from '../helpers/wait-for';

const spb = sparkplug.get('spBv1.0')!;

/**
 * A TCP relay between the edge node and the broker, so the test can cut the node's connection
 * the way a pulled cable does: no MQTT DISCONNECT, and the broker publishes the node's will.
 */
interface Relay {
  port: number;
  /** Destroys every open connection; while held, new ones are refused. */
  cut(hold: boolean): void;
  release(): void;
  close(): Promise<void>;
}

async function startRelay(targetPort: number): Promise<Relay> {
  const sockets = new Set<net.Socket>();
  let held = false;
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((inbound) => {
    track(inbound);
    if (held) {
      inbound.destroy();
      return;
    }
    const outbound = net.connect(targetPort, '127.0.0.1');
    track(outbound);
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut(hold) {
      held = hold;
      for (const s of sockets) s.destroy();
    },
    release() {
      held = false;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let broker: EmbeddedBroker;
let relay: Relay;
let host: MqttClient;
let edge: SparkplugEdgeNode;
const session = new SparkplugSession();
const results: SparkplugResult[] = [];
const commands: Buffer[] = [];
/** Set to lose the next DDATA between broker and session, as a lossy link would. */
let loseNextData = false;
const ahu: Record<string, number | boolean | string> = { 'Supply/Temperature': 16.5, 'Fan/Running': true, Mode: 'auto' };

const statuses = (): SparkplugStatus[] => results.flatMap((r) => r.status);
const readings = (): SparkplugReading[] => results.flatMap((r) => r.readings);
const births = (): number => statuses().filter((s) => s.deviceKey === 'site/gw1' && s.reason === 'NBIRTH').length;

beforeAll(async () => {
  broker = await startEmbeddedBroker();
  relay = await startRelay(broker.port);
  // The host application: what a broker link will do with a SparkplugSession.
  host = await mqtt.connectAsync(broker.url, { clientId: 'sparkplug-host-test' });
  host.on('message', (topic, payload) => {
    if (topic.includes('/NCMD/')) commands.push(payload);
    if (loseNextData && topic.includes('/DDATA/')) {
      loseNextData = false;
      return;
    }
    const result = session.accept(topic, payload, Date.now());
    results.push(result);
    if (result.rebirth) host.publish(result.rebirth.topic, result.rebirth.payload);
  });
  await host.subscribeAsync('spBv1.0/#');
  edge = await startSparkplugEdgeNode({
    brokerUrl: `mqtt://127.0.0.1:${relay.port}`,
    groupId: 'site',
    edgeNodeId: 'gw1',
    devices: [{ id: 'ahu-1', read: () => ({ ...ahu }), units: { 'Supply/Temperature': '°C' } }],
    publishIntervalMs: 50,
    reconnectMs: 100,
  });
});

afterAll(async () => {
  await edge?.stop();
  await host?.endAsync();
  await relay?.close();
  await broker?.stop();
});

describe('a Sparkplug edge node through a real broker into a SparkplugSession', () => {
  it('brings the node and its device online with their births', async () => {
    await waitFor(() => statuses().some((s) => s.deviceKey === 'site/gw1/ahu-1' && s.online), 10_000, 'DBIRTH');
    expect(statuses().slice(0, 2)).toEqual([
      { deviceKey: 'site/gw1', online: true, reason: 'NBIRTH' },
      { deviceKey: 'site/gw1/ahu-1', online: true, reason: 'DBIRTH' },
    ]);
    expect(readings()).toContainEqual(expect.objectContaining({ deviceKey: 'site/gw1/ahu-1', pointName: 'Supply/Temperature', value: 16.5, unit: '°C' }));
    expect(readings()).toContainEqual(expect.objectContaining({ pointName: 'Mode', value: 'auto', valueType: 'string' }));
  });

  it('carries changed values as data by alias', async () => {
    ahu['Supply/Temperature'] = 17.75;
    ahu['Fan/Running'] = false;
    await waitFor(() => readings().some((r) => r.pointName === 'Fan/Running' && r.value === false), 10_000, 'DDATA');
    expect(readings()).toContainEqual(expect.objectContaining({ pointName: 'Supply/Temperature', value: 17.75, unit: '°C' }));
    expect(results.every((r) => r.error === undefined && r.skipped.length === 0 && r.rebirth === undefined)).toBe(true);
  });

  it('sends a new DBIRTH when a metric appears that the birth did not declare', async () => {
    ahu['Filter/Pressure Drop'] = 120;
    await waitFor(() => readings().some((r) => r.pointName === 'Filter/Pressure Drop' && r.value === 120), 10_000, 'DBIRTH with the new metric');
    ahu['Filter/Pressure Drop'] = 125;
    await waitFor(() => readings().some((r) => r.pointName === 'Filter/Pressure Drop' && r.value === 125), 10_000, 'DDATA of the new metric');
    expect(results.every((r) => r.skipped.length === 0 && r.rebirth === undefined)).toBe(true);
  });

  it('takes the node and its device offline when its connection drops, by the broker\'s NDEATH will', async () => {
    const bdSeqBefore = edge.bdSeq;
    const birthsBefore = births();
    relay.cut(true);
    await waitFor(() => statuses().some((s) => s.deviceKey === 'site/gw1' && !s.online), 10_000, 'NDEATH will');
    expect(statuses().filter((s) => !s.online)).toEqual([
      { deviceKey: 'site/gw1', online: false, reason: 'NDEATH' },
      { deviceKey: 'site/gw1/ahu-1', online: false, reason: 'NDEATH' },
    ]);
    relay.release();
    await waitFor(() => births() > birthsBefore, 10_000, 'NBIRTH after reconnect');
    expect(edge.bdSeq).not.toBe(bdSeqBefore);
    await waitFor(() => statuses().at(-1)?.deviceKey === 'site/gw1/ahu-1' && statuses().at(-1)?.online === true, 10_000, 'DBIRTH after reconnect');
  });

  it('asks for a rebirth on a seq gap and the edge node answers with new births', async () => {
    const birthsBefore = births();
    loseNextData = true;
    ahu.Mode = 'manual';
    await waitFor(() => !loseNextData, 10_000, 'a DDATA to lose');
    ahu.Mode = 'night';
    await waitFor(() => results.some((r) => r.rebirth !== undefined), 10_000, 'rebirth request');
    expect(results.find((r) => r.rebirth)?.rebirth?.reason).toContain('seq gap on site/gw1');
    await waitFor(() => births() > birthsBefore, 10_000, 'NBIRTH answering the rebirth');
    expect(commands.map((c) => spb.decodePayload(c).metrics)).toEqual([
      [expect.objectContaining({ name: 'Node Control/Rebirth', value: true })],
    ]);
    // The DBIRTH that follows carries the device's current values.
    await waitFor(
      () => results.some((r) => r.status.some((x) => x.reason === 'DBIRTH') && r.readings.some((x) => x.pointName === 'Mode' && x.value === 'night')),
      10_000,
      'DBIRTH answering the rebirth',
    );
  });

  it('refuses to start when no broker listens', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      startSparkplugEdgeNode({ brokerUrl: `mqtt://127.0.0.1:${port}`, groupId: 'site', edgeNodeId: 'nowhere', devices: [], publishIntervalMs: 50 }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('reports a device source that fails and births the device once it reads', async () => {
    const errors: Error[] = [];
    let calls = 0;
    const other = await startSparkplugEdgeNode({
      brokerUrl: broker.url,
      groupId: 'site',
      edgeNodeId: 'gw2',
      devices: [
        {
          id: 'meter',
          read: () => {
            if (++calls === 1) throw new Error('meter bus timeout');
            return { kWh: 42 };
          },
        },
      ],
      publishIntervalMs: 50,
      onError: (err) => errors.push(err),
    });
    try {
      await waitFor(() => readings().some((r) => r.deviceKey === 'site/gw2/meter' && r.value === 42), 10_000, 'DBIRTH of the meter');
      expect(errors.map((e) => e.message)).toEqual(['reading device meter failed: meter bus timeout']);
    } finally {
      await other.stop();
    }
  });

  it('publishes its NDEATH when stopped on purpose', async () => {
    const last = (): SparkplugStatus | undefined => statuses().filter((s) => s.deviceKey.startsWith('site/gw1')).at(-1);
    expect(last()?.online).toBe(true);
    await edge.stop();
    await waitFor(() => last()?.online === false, 10_000, 'NDEATH on stop');
    expect(statuses().filter((s) => s.deviceKey.startsWith('site/gw1')).slice(-2)).toEqual([
      { deviceKey: 'site/gw1', online: false, reason: 'NDEATH' },
      { deviceKey: 'site/gw1/ahu-1', online: false, reason: 'NDEATH' },
    ]);
  });
});
