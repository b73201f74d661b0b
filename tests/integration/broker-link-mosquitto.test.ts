import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileTopicTemplate } from '../../src/core/iot/protocols/json/topic-template';
import { recordedLink, type RecordedLink } from '../helpers/broker-links';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { waitFor } from '../helpers/wait-for';

// Real mosquitto brokers on loopback ports of their own; each test stops the links it opened.
let broker: Mosquitto;
let secured: Mosquitto;
let publisher: MqttClient;
const open: RecordedLink[] = [];
const mapping = { topic: 'bldg/{floor}/{device}/{point}' };

function link(...args: Parameters<typeof recordedLink>): RecordedLink {
  const l = recordedLink(...args);
  open.push(l);
  return l;
}

beforeAll(async () => {
  [broker, secured] = await Promise.all([startMosquitto(), startMosquitto({ users: { arxos: 'correct horse' } })]);
  publisher = await mqtt.connectAsync(broker.url, { clientId: 'test-publisher' });
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.link.stop()));
});

afterAll(async () => {
  await publisher?.endAsync();
  await Promise.all([broker?.close(), secured?.close()]);
});

describe('broker link against mosquitto', () => {
  it('connects, subscribes through the mapping filter, receives, and reports its states', async () => {
    const l = link({ url: broker.url, mappings: [mapping] });
    expect(l.link.state.state).toBe('stopped');
    l.start([compileTopicTemplate(mapping.topic).filter]);
    expect(l.link.state.state).toBe('connecting');
    await l.reach('up');
    await publisher.publishAsync('bldg/f1/ahu1/temp', '21.5', { qos: 1 });
    await publisher.publishAsync('elsewhere/f1/ahu1/temp', 'not subscribed', { qos: 1 });
    await publisher.publishAsync('bldg/f2/ahu2/temp', '19', { qos: 1 });
    await waitFor(() => l.messages.length === 2, 5000, 'two messages');
    expect(l.messages).toEqual([
      { topic: 'bldg/f1/ahu1/temp', payload: '21.5' },
      { topic: 'bldg/f2/ahu2/temp', payload: '19' },
    ]);
    await l.link.stop();
    expect(l.states.map((s) => s.state)).toEqual(['connecting', 'up', 'stopped']);
    expect(l.link.state).toMatchObject({ id: 'site', url: broker.url, lastError: null, reconnects: 0, embedded: false });
  });

  it('logs in with a user name and password, and says so when the broker refuses them', async () => {
    const good = link({ id: 'good', url: secured.url, username: 'arxos', password: 'correct horse' });
    const bad = link({ id: 'bad', url: secured.url, username: 'arxos', password: 'wrong' });
    const anonymous = link({ id: 'anonymous', url: secured.url });
    for (const l of [good, bad, anonymous]) l.start(['bldg/#']);
    await good.reach('up');
    await bad.reach('down', /^the broker refused the user name or password$/);
    await anonymous.reach('down', /^not authorised by the broker — it may require a user name and password$/);
    expect(JSON.stringify([bad.states, bad.link.state])).not.toContain('wrong');
  });

  it('goes down with a reason when the broker is killed, retries with backoff, and is up again when it returns', async () => {
    const l = link({ url: broker.url, mappings: [mapping] });
    l.start([compileTopicTemplate(mapping.topic).filter]);
    await l.reach('up');
    const upSince = l.link.state.since;
    await broker.kill();
    await l.reach('down', /^connection refused: no broker is listening at that address$/);
    // The first reason is the lost connection itself; the retries then meet a closed port.
    expect(l.states.find((s) => s.state === 'down')?.lastError).toMatch(/the connection to the broker was lost|connection reset by the broker/);
    const downSince = l.link.state.since;
    expect(downSince).toBeGreaterThanOrEqual(upSince);
    await broker.restart();
    await l.reach('up');
    expect(l.link.state.reconnects).toBe(1);
    // The link stayed down from the kill to the return: retries do not flap the state.
    expect(l.states.map((s) => s.state)).toEqual(['connecting', 'up', 'down', 'down', 'up']);
    await publisher.reconnect();
    await waitFor(() => publisher.connected, 10_000, 'the publisher to reconnect');
    await publisher.publishAsync('bldg/f1/ahu1/temp', 'after restart', { qos: 1 });
    await waitFor(() => l.messages.some((m) => m.payload === 'after restart'), 5000, 'the message published after the restart');
  });

  it('keeps the session while the link is stopped: every QoS 1 message published meanwhile arrives on the next start', async () => {
    const filters = [compileTopicTemplate(mapping.topic).filter];
    const first = link({ id: 'persistent', url: broker.url, mappings: [mapping] }, { installationId: 'persist1' });
    first.start(filters);
    await first.reach('up');
    await first.link.stop();
    const n = 200;
    for (let i = 0; i < n; i++) await publisher.publishAsync(`bldg/f1/dev${i % 7}/p`, String(i), { qos: 1 });
    const second = link({ id: 'persistent', url: broker.url, mappings: [mapping] }, { installationId: 'persist1' });
    expect(second.link.clientId).toBe(first.link.clientId);
    second.start(filters);
    await waitFor(() => second.messages.length >= n, 10_000, `${n} messages`);
    expect(second.messages.map((m) => Number(m.payload))).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('splits the messages of a shared subscription between two links, losing none and doubling none', async () => {
    const filters = [compileTopicTemplate(mapping.topic).filter];
    const a = link({ id: 'host-a', url: broker.url, sharedGroup: 'control-room' });
    const b = link({ id: 'host-b', url: broker.url, sharedGroup: 'control-room' });
    a.start(filters);
    b.start(filters);
    await Promise.all([a.reach('up'), b.reach('up')]);
    const n = 100;
    for (let i = 0; i < n; i++) await publisher.publishAsync(`bldg/f3/dev${i}/p`, String(i), { qos: 1 });
    await waitFor(() => a.messages.length + b.messages.length >= n, 10_000, `${n} messages between the two links`);
    expect(a.messages.length).toBeGreaterThan(0);
    expect(b.messages.length).toBeGreaterThan(0);
    const all = [...a.messages, ...b.messages].map((m) => Number(m.payload)).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});
