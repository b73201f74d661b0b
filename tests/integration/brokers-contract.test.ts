import fs from 'node:fs';
import path from 'node:path';
import mqtt, { type IConnackPacket, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';
import { openDatabase } from '../../src/core/db/database';
import { createCore, type Core } from '../../src/core/host';
import type { BrokerSaveInput } from '../../src/shared/contract/schemas/brokers';
import { ErrorCode, type ApiError } from '../../src/shared/errors';
import type { Session } from '../../src/shared/permissions';
import { failure } from '../helpers/api-failure';
import { testBackoff } from '../helpers/broker-links';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import { admin, viewer } from '../helpers/temp-core';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

// brokers.* through a real core on a real SQLite file, against two real mosquitto brokers that require a password.
const engineer: Session = { user: 'test-engineer', role: 'engineer', via: 'internal' };
const FIRST = 'first-pass-4f1c';
const SECOND = 'second-pass-9e2b';
const FILE_SECRET = 'file-pass-77aa';

let a: Mosquitto;
let b: Mosquitto;
let dataDir: string;
let core: Core;
let publisherA: MqttClient;
let publisherB: MqttClient;

const configOf = () =>
  parseConfig({
    dataDir,
    demo: { enabled: false },
    brokers: [{ id: 'plant', name: 'Plant (file)', url: a.url, username: 'arxos', password: FILE_SECRET, backoff: testBackoff, mappings: [{ topic: 'plant/{device}/{point}' }] }],
  });

const site = (over: Partial<BrokerSaveInput> = {}): BrokerSaveInput => ({
  id: 'site',
  name: 'Site broker',
  url: a.url,
  username: 'arxos',
  password: FIRST,
  backoff: testBackoff,
  mappings: [{ topic: 'a/{device}/{point}' }],
  ...over,
});

const linkOf = (id: string) => core.health().brokers.find((l) => l.id === id);
const upAt = async (id: string, url: string) => {
  await waitFor(() => linkOf(id)?.state === 'up' && linkOf(id)?.url === url, 10_000, `${id} up at ${url}; it is ${JSON.stringify(linkOf(id))}`);
};

/** The database file and its write-ahead log, as bytes: what a copy of the database would give away. */
const databaseBytes = () =>
  ['', '-wal'].map((s) => path.join(dataDir, `site.db${s}`)).filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');

function installationIdOf(dir: string): string {
  const db = openDatabase(path.join(dir, 'site.db'), { readonly: true });
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'installation_id'").get() as { value: string }).value;
  } finally {
    db.close();
  }
}

async function valueOf(key: string): Promise<unknown> {
  const { points } = await core.call(admin, 'points.list', { text: key });
  const point = points.find((p) => p.key === key);
  if (point === undefined) return undefined;
  const { values } = await core.call(admin, 'points.latest', { ids: [point.id] });
  return values[0]?.value;
}

beforeAll(async () => {
  [a, b] = await Promise.all([startMosquitto({ users: { arxos: FIRST } }), startMosquitto({ users: { arxos: SECOND } })]);
  publisherA = await mqtt.connectAsync(a.url, { clientId: 'test-pub-a', username: 'arxos', password: FIRST });
  publisherB = await mqtt.connectAsync(b.url, { clientId: 'test-pub-b', username: 'arxos', password: SECOND });
  dataDir = tempDir();
  core = createCore(configOf());
  await core.start();
});

afterAll(async () => {
  await core?.stop();
  await publisherA?.endAsync();
  await publisherB?.endAsync();
  await a?.close();
  await b?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('brokers.save, replace and remove at run time', () => {
  it('save starts the link at once, and its messages are stored', async () => {
    const entry = await core.call(engineer, 'brokers.save', site());
    expect(entry).toMatchObject({ source: 'saved', editable: true, settings: { id: 'site', hasPassword: true } });
    await upAt('site', a.url);
    await publisherA.publishAsync('a/meter-1/power', JSON.stringify({ value: 12.5 }), { qos: 1 });
    await waitFor(async () => (await valueOf('meter-1/power')) === 12.5, 10_000, 'meter-1/power stored');
  });

  it('lists every link with its source, the file one read-only', async () => {
    const { brokers } = await core.call(viewer, 'brokers.list');
    expect(brokers.map((e) => [e.settings.id, e.source, e.editable])).toEqual([
      ['plant', 'file', false],
      ['site', 'saved', true],
    ]);
    expect(brokers.every((e) => e.settings.hasPassword)).toBe(true);
    expect(brokers.find((e) => e.settings.id === 'site')?.link?.state).toBe('up');
  });

  it('never answers a password, nor keeps one readable in the database file', async () => {
    const outputs = [
      await core.call(viewer, 'brokers.list'),
      await core.call(viewer, 'system.health'),
      await core.call(engineer, 'brokers.test', { id: 'site' }),
    ];
    for (const secret of [FIRST, FILE_SECRET]) {
      expect(JSON.stringify(outputs)).not.toContain(secret);
      expect(databaseBytes()).not.toContain(secret);
    }
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o077).toBe(0);
  });

  it('replace with other mappings reconnects with them; the old filter is unsubscribed, the password kept', async () => {
    const { password: _kept, ...withoutPassword } = site({ mappings: [{ topic: 'b/{device}/{point}' }] });
    const reconnects = linkOf('site')!.since;
    await core.call(engineer, 'brokers.save', withoutPassword);
    await waitFor(() => linkOf('site')?.state === 'up' && linkOf('site')!.since > reconnects, 10_000, 'the replaced link up');
    const unknownBefore = core.health().ingest.deadLettered['unknown-topic'] ?? 0;
    await publisherA.publishAsync('a/meter-1/power', JSON.stringify({ value: 99 }), { qos: 1 });
    await publisherA.publishAsync('b/meter-2/power', JSON.stringify({ value: 7 }), { qos: 1 });
    await waitFor(async () => (await valueOf('meter-2/power')) === 7, 10_000, 'meter-2/power stored');
    // Had the session kept a/+/+, the message on a/ would have arrived before b/'s, as an unknown topic.
    expect(core.health().ingest.deadLettered['unknown-topic'] ?? 0).toBe(unknownBefore);
    expect(await valueOf('meter-1/power')).toBe(12.5);
  });

  it('replace with another broker and password moves the link there', async () => {
    await core.call(engineer, 'brokers.save', site({ url: b.url, password: SECOND, mappings: [{ topic: 'b/{device}/{point}' }] }));
    await upAt('site', b.url);
    await publisherB.publishAsync('b/meter-3/power', JSON.stringify({ value: 3 }), { qos: 1 });
    await waitFor(async () => (await valueOf('meter-3/power')) === 3, 10_000, 'meter-3/power stored');
    expect(JSON.stringify(await core.call(viewer, 'brokers.list'))).not.toContain(SECOND);
  });

  it('saving with an empty password removes it: the broker then refuses the link, in words', async () => {
    await core.call(engineer, 'brokers.save', site({ url: b.url, password: '' }));
    await waitFor(() => linkOf('site')?.state === 'down', 10_000, 'the link refused');
    expect(linkOf('site')?.lastError).toMatch(/user name or password|not authorised/);
    const entry = (await core.call(viewer, 'brokers.list')).brokers.find((e) => e.settings.id === 'site');
    expect(entry?.settings.hasPassword).toBe(false);
  });

  it('brokers.test fills a left-out password from the saved link, and says what failed', async () => {
    await core.call(engineer, 'brokers.save', site({ url: b.url, password: SECOND }));
    const { password: _p, ...noPassword } = site({ url: b.url });
    const saved = await core.call(engineer, 'brokers.test', { settings: noPassword });
    expect(saved.ok).toBe(true);
    expect(saved.steps.map((s) => s.step)).toEqual(['settings', 'resolve', 'connect', 'mqtt', 'subscribe']);
    const wrong = await core.call(engineer, 'brokers.test', { settings: site({ id: 'other', url: b.url, password: 'wrong' }) });
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/user name or password|not authorised/);
  });

  it('survives a restart of the core: the saved link comes back with its password', async () => {
    await core.stop();
    core = createCore(configOf());
    await core.start();
    await upAt('site', b.url);
  });

  it('remove stops the link and it is gone from the list and from health', async () => {
    await core.call(engineer, 'brokers.remove', { id: 'site' });
    expect(linkOf('site')).toBeUndefined();
    expect((await core.call(viewer, 'brokers.list')).brokers.map((e) => e.settings.id)).toEqual(['plant']);
    await publisherB.publishAsync('b/meter-3/power', JSON.stringify({ value: 4 }), { qos: 1 });
    // Nothing of the removed link is left to take it: the value stays.
    await new Promise((r) => setTimeout(r, 300));
    expect(await valueOf('meter-3/power')).toBe(3);
    // Its session at the broker was ended, not left queueing messages for a week.
    const clientId = `arxos-${installationIdOf(dataDir)}-site`;
    const probe = mqtt.connect(b.url, { clientId, clean: false, protocolVersion: 5, username: 'arxos', password: SECOND, properties: { sessionExpiryInterval: 0 } });
    const connack = await new Promise<IConnackPacket>((resolve, reject) => {
      probe.once('connect', resolve);
      probe.once('error', reject);
    });
    await probe.endAsync();
    expect(connack.sessionPresent).toBe(false);
  });
});

describe('brokers.save refuses settings that cannot work, naming the field', () => {
  const issuePaths = (err: ApiError) => (err.data as { issues: { path: string[] }[] }).issues.map((i) => i.path.join('.'));

  it('id, URL and mapping templates (checked by the schema)', async () => {
    const bad = await failure(core.call(engineer, 'brokers.save', site({ id: 'Bad Id', url: 'http://x', mappings: [{ topic: 'a/{device}', device: '{room}' }] })));
    expect(bad.code).toBe(ErrorCode.InvalidParams);
    expect(issuePaths(bad).sort()).toEqual(['id', 'mappings.0.device', 'mappings.0.point', 'url']);
    const creds = await failure(core.call(engineer, 'brokers.save', site({ url: 'mqtt://arxos:pw@127.0.0.1:1883' })));
    expect(creds.message).toContain('url: put the user name and password in their own fields');
  });

  it('TLS files that do not exist, or a relative path', async () => {
    const missing = path.join(dataDir, 'no-such-ca.pem');
    const err = await failure(core.call(engineer, 'brokers.save', site({ url: 'mqtts://127.0.0.1:8883', tls: { caFile: missing, certFile: 'client.pem', keyFile: path.join(dataDir, 'site.db') } })));
    expect(err.message).toContain(`tls.caFile: CA file: no such file: ${missing}`);
    expect(err.message).toContain('tls.certFile: client certificate: give the full path of the file');
    expect(issuePaths(err)).toEqual(['tls.caFile', 'tls.certFile']);
  });

  it('a password without a user name', async () => {
    const { username: _u, ...noUser } = site();
    const err = await failure(core.call(engineer, 'brokers.save', noUser));
    expect(err.message).toContain('username: a password needs a user name');
  });

  it('links of the configuration file are read-only; unknown ones are not found; viewers may not change any', async () => {
    expect((await failure(core.call(engineer, 'brokers.save', site({ id: 'plant' })))).code).toBe(ErrorCode.Conflict);
    expect((await failure(core.call(engineer, 'brokers.remove', { id: 'plant' }))).message).toContain('defined in the configuration file');
    expect((await failure(core.call(engineer, 'brokers.remove', { id: 'nope' }))).code).toBe(ErrorCode.NotFound);
    expect((await failure(core.call(viewer, 'brokers.save', site()))).code).toBe(ErrorCode.Forbidden);
    expect((await failure(core.call(viewer, 'brokers.test', { id: 'plant' }))).code).toBe(ErrorCode.Forbidden);
    expect(core.health().brokers.map((l) => l.id)).toEqual(['plant']);
  });
});
