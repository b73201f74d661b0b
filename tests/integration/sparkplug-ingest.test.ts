import mqtt, { type MqttClient } from 'mqtt';
import sparkplug from 'sparkplug-payload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import { startSparkplugEdgeNode, type SparkplugEdgeNode } from '../../src/core/demo/sparkplug-edge-node';
import { decodeSparkplugPayload } from '../../src/core/iot/protocols/sparkplug/codec';
import type { Point } from '../../src/shared/contract/schemas/points';
import { admin, startTempCore } from '../helpers/temp-core';
import { waitFor } from '../helpers/wait-for';

const spb = sparkplug.get('spBv1.0')!;
const HOST = 'arxos-test-host';

let broker: EmbeddedBroker;
let env: Awaited<ReturnType<typeof startTempCore>>;
let edge: SparkplugEdgeNode;
let watcher: MqttClient;
const wire: { topic: string; payload: Buffer }[] = [];
const ahu: Record<string, number | boolean | string> = { 'Supply/Temperature': 16.5, 'Fan/Running': true, Mode: 'auto' };

const onWire = (pattern: RegExp): { topic: string; payload: Buffer }[] => wire.filter((m) => pattern.test(m.topic));

async function pointsOf(deviceKey: string): Promise<Point[]> {
  return (await env.core.call(admin, 'points.list', { text: deviceKey })).points.filter((p) => p.deviceKey === deviceKey);
}
async function latestOf(key: string): Promise<unknown> {
  const point = (await env.core.call(admin, 'points.list', { text: key })).points.find((p) => p.key === key);
  if (point === undefined) return undefined;
  return (await env.core.call(admin, 'points.latest', { ids: [point.id] })).values[0]?.value;
}
const device = (key: string) => env.core.call(admin, 'devices.get', { key }).then((d) => d.device);

beforeAll(async () => {
  broker = await startEmbeddedBroker();
  watcher = await mqtt.connectAsync(broker.url, { clientId: 'sparkplug-watcher' });
  watcher.on('message', (topic, payload) => wire.push({ topic, payload }));
  await watcher.subscribeAsync('spBv1.0/#');
  // The edge node waits for its primary host: the core's link, which announces itself once subscribed.
  edge = await startSparkplugEdgeNode({
    brokerUrl: broker.url,
    groupId: 'site',
    edgeNodeId: 'gw1',
    primaryHostId: HOST,
    devices: [{ id: 'ahu-1', read: () => ({ ...ahu }), units: { 'Supply/Temperature': '°C' } }],
    publishIntervalMs: 50,
    reconnectMs: 100,
  });
  env = await startTempCore({
    brokers: [{ id: 'plant', name: 'Plant gateway', url: broker.url, qos: 0, sparkplug: { groups: ['site'], hostId: HOST } }],
  });
});

afterAll(async () => {
  await edge?.stop();
  await env?.close();
  await watcher?.endAsync();
  await broker?.stop();
});

describe('Sparkplug B through a real core, broker and edge node', () => {
  it('announces the host, gets the births, and registers the points with the birth’s types and units', async () => {
    await waitFor(async () => (await pointsOf('site/gw1/ahu-1')).length === 3, 10_000, 'the points of the DBIRTH');
    const points = await pointsOf('site/gw1/ahu-1');
    expect(points.map((p) => [p.key, p.name, p.valueType, p.unit])).toEqual([
      ['site/gw1/ahu-1/Fan/Running', 'Fan/Running', 'boolean', null],
      ['site/gw1/ahu-1/Mode', 'Mode', 'string', null],
      ['site/gw1/ahu-1/Supply/Temperature', 'Supply/Temperature', 'number', '°C'],
    ]);
    const state = onWire(/^spBv1\.0\/STATE\/arxos-test-host$/)[0];
    expect(JSON.parse(state!.payload.toString())).toMatchObject({ online: true });
    // Nothing was refused: the node waited for the host, so no data came before its birth.
    expect(env.core.health().ingest.deadLettered).toEqual({});
    expect(await device('site/gw1')).toMatchObject({ online: true, reason: 'NBIRTH' });
    expect((await device('site/gw1/ahu-1')).online).toBe(true);
    expect(env.core.health().brokers).toEqual([expect.objectContaining({ id: 'plant', state: 'up' })]);
  });

  it('carries data by alias to the latest values', async () => {
    ahu['Supply/Temperature'] = 17.25;
    ahu['Fan/Running'] = false;
    ahu.Mode = 'night';
    await waitFor(async () => (await latestOf('site/gw1/ahu-1/Mode')) === 'night', 10_000, 'the DDATA');
    expect(await latestOf('site/gw1/ahu-1/Supply/Temperature')).toBe(17.25);
    expect(await latestOf('site/gw1/ahu-1/Fan/Running')).toBe(false);
  });

  it('asks for a rebirth on a seq gap, on the broker, and the edge node answers with its births', async () => {
    const outOfOrder = (seq: number) => Buffer.from(spb.encodePayload({ timestamp: Date.now(), seq, metrics: [] }));
    // Two messages with the same seq: whatever the node's own seq is, at least one of them is a gap.
    await watcher.publishAsync('spBv1.0/site/DDATA/gw1/ahu-1', outOfOrder(7));
    await watcher.publishAsync('spBv1.0/site/DDATA/gw1/ahu-1', outOfOrder(7));
    await waitFor(() => onWire(/^spBv1\.0\/site\/NCMD\/gw1$/).length > 0, 10_000, 'the rebirth request');
    const [ncmd] = onWire(/^spBv1\.0\/site\/NCMD\/gw1$/);
    expect(decodeSparkplugPayload(ncmd!.payload).metrics).toEqual([expect.objectContaining({ name: 'Node Control/Rebirth', raw: { field: 'booleanValue', value: true } })]);
    // Order on the wire, not time: the answer may come within the same millisecond.
    const after = () => wire.slice(wire.indexOf(ncmd!) + 1).map((m) => m.topic);
    await waitFor(() => after().includes('spBv1.0/site/DBIRTH/gw1/ahu-1'), 10_000, 'the births answering it');
    expect(after()).toContain('spBv1.0/site/NBIRTH/gw1');
  });

  it('keeps a malformed protobuf as a dead letter with its raw bytes', async () => {
    // Field 1 announcing more bytes than follow: no protobuf decoder takes it.
    const garbage = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]);
    expect(() => decodeSparkplugPayload(garbage)).toThrow();
    await watcher.publishAsync('spBv1.0/site/DDATA/gw1/ahu-1', garbage);
    await waitFor(async () => (await env.core.call(admin, 'ingest.deadLetters', { reason: 'bad-sparkplug' })).entries.length === 1, 10_000, 'the dead letter');
    const { entries, counts } = await env.core.call(admin, 'ingest.deadLetters', { reason: 'bad-sparkplug' });
    expect(entries[0]).toMatchObject({ linkId: 'plant', topic: 'spBv1.0/site/DDATA/gw1/ahu-1', reason: 'bad-sparkplug', size: garbage.length });
    expect(Buffer.from(entries[0]!.raw, 'base64')).toEqual(garbage);
    expect(entries[0]!.message).toMatch(/not a Sparkplug B protobuf/);
    expect(counts).toContainEqual({ reason: 'bad-sparkplug', sinceStart: 1, inTable: 1 });
    // The session is unharmed: data keeps coming.
    ahu.Mode = 'day';
    await waitFor(async () => (await latestOf('site/gw1/ahu-1/Mode')) === 'day', 10_000, 'data after the garbage');
  });

  it('takes the node and its device offline with the NDEATH', async () => {
    await edge.stop();
    await waitFor(async () => !(await device('site/gw1')).online, 10_000, 'the node offline');
    expect(await device('site/gw1')).toMatchObject({ online: false, reason: 'NDEATH' });
    expect(await device('site/gw1/ahu-1')).toMatchObject({ online: false, reason: 'NDEATH' });
  });
});
