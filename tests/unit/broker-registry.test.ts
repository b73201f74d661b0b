import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BrokerStore } from '../../src/core/db/brokers';
import type { Db } from '../../src/core/db/database';
import { SecretBox } from '../../src/core/db/secret-box';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../src/core/demo/embedded-broker';
import { BrokerLink } from '../../src/core/iot/transport/broker-link';
import { BrokerRegistry, type LinkHandle } from '../../src/core/iot/transport/broker-registry';
import { BrokerConfig, type BrokerConfigInput } from '../../src/shared/contract/schemas/brokers';
import { testBackoff } from '../helpers/broker-links';
import { tempDatabase, type TempDatabase } from '../helpers/temp-database';
import { waitFor } from '../helpers/wait-for';

let broker: EmbeddedBroker;
let site: TempDatabase;
let dir: string;
let db: Db;

beforeAll(async () => {
  broker = await startEmbeddedBroker();
});
afterAll(() => broker.stop());

beforeEach(() => {
  site = tempDatabase();
  ({ dir, db } = site);
});
afterEach(() => site.close());

const keyFile = () => path.join(dir, 'secret.key');
const config = (over: Partial<BrokerConfigInput> = {}): BrokerConfig =>
  BrokerConfig.parse({ id: 'site', name: 'Site', url: broker.url, backoff: testBackoff, mappings: [{ topic: 'x/{device}/{point}' }], ...over });

describe('SecretBox', () => {
  it('seals so that only its key opens, with a fresh nonce each time, in a file only the owner reads', () => {
    const box = new SecretBox(keyFile());
    const a = box.seal('hunter2');
    expect(a).not.toContain('hunter2');
    expect(box.seal('hunter2')).not.toBe(a);
    expect(new SecretBox(keyFile()).open(a)).toBe('hunter2');
    expect(fs.statSync(keyFile()).mode & 0o777).toBe(0o600);
  });

  it('says what is wrong when the key is missing or another one', () => {
    const sealed = new SecretBox(keyFile()).seal('pw');
    expect(() => new SecretBox(path.join(dir, 'other.key')).open(sealed)).toThrow(/other\.key is missing/);
    const otherKey = path.join(dir, 'second.key');
    new SecretBox(otherKey).seal('make the key');
    expect(() => new SecretBox(otherKey).open(sealed)).toThrow(/sealed with another key/);
  });
});

describe('BrokerStore', () => {
  it('keeps settings and a sealed password, and gives them back', () => {
    const store = new BrokerStore(db, new SecretBox(keyFile()));
    store.save(config({ username: 'u', password: 'pw-123' }));
    const row = db.prepare('SELECT settings, password FROM brokers').get() as { settings: string; password: string };
    expect(row.settings).not.toContain('pw-123');
    expect(row.password).not.toContain('pw-123');
    expect(store.load()).toEqual({ brokers: [{ config: config({ username: 'u', password: 'pw-123' }), problem: null }], skipped: [] });
  });

  it('reports, and leaves in place, a row it cannot read; a lost key leaves the link without a password, with a problem', () => {
    new BrokerStore(db, new SecretBox(keyFile())).save(config({ username: 'u', password: 'pw' }));
    db.prepare("INSERT INTO brokers (id, settings, password, created_at, updated_at) VALUES ('broken', '{\"id\":\"broken\"}', NULL, 0, 0)").run();
    fs.rmSync(keyFile());
    const { brokers, skipped } = new BrokerStore(db, new SecretBox(keyFile())).load();
    expect(skipped).toEqual([expect.stringMatching(/^saved broker broken: name: /)]);
    expect(brokers[0]?.config.password).toBeUndefined();
    expect(brokers[0]?.problem).toMatch(/the saved password cannot be read .*secret\.key is missing.*enter the password again/);
    expect((db.prepare('SELECT count(*) AS n FROM brokers').get() as { n: number }).n).toBe(2);
  });
});

describe('BrokerRegistry', () => {
  function registry(onWarn: string[] = []) {
    const started: BrokerLink[] = [];
    const reg = new BrokerRegistry({
      store: new BrokerStore(db, new SecretBox(keyFile())),
      startLink: (c, embedded): LinkHandle => {
        if (c.name === 'explodes') throw new Error('no such codec');
        const link = new BrokerLink(c, { filters: ['x/+/+'] }, { onMessage: () => undefined, onStatus: () => undefined }, { installationId: 'test0001', embedded });
        link.start();
        started.push(link);
        return { get state() { return link.state; }, clientId: link.clientId, filters: ['x/+/+'], stop: () => link.stop() };
      },
      retire: async () => undefined,
      onChange: () => undefined,
      warn: (m) => onWarn.push(m),
    });
    return { reg, started };
  }

  it('runs a change at a time: racing saves and a remove of one id leave at most one running link', async () => {
    const { reg, started } = registry();
    reg.start([], null);
    await Promise.all([reg.save(config({ name: 'one' })), reg.save(config({ name: 'two' })), reg.remove('site'), reg.save(config({ name: 'three' }))]);
    expect(reg.list().map((r) => r.config.name)).toEqual(['three']);
    expect(started.filter((l) => l.state.state !== 'stopped')).toHaveLength(1);
    await waitFor(() => reg.statuses()[0]?.state === 'up', 10_000, 'the last link up');
    await reg.stop();
    expect(started.every((l) => l.state.state === 'stopped')).toBe(true);
  });

  it('keeps a disabled link, and one that cannot start, in the list without running them', async () => {
    const { reg } = registry();
    reg.start([], null);
    await reg.save(config({ id: 'off', enabled: false }));
    await reg.save(config({ id: 'bad', name: 'explodes' }));
    expect(reg.list().map((r) => [r.config.id, r.link, r.problem])).toEqual([
      ['off', null, null],
      ['bad', null, 'cannot start: no such codec'],
    ]);
    expect(reg.statuses()).toEqual([]);
    await reg.stop();
  });

  it('does not start a saved link whose id the configuration file now uses, and says so', async () => {
    new BrokerStore(db, new SecretBox(keyFile())).save(config({ id: 'plant', name: 'saved plant' }));
    const warnings: string[] = [];
    const { reg } = registry(warnings);
    reg.start([config({ id: 'plant', name: 'file plant' })], config({ id: 'embedded', name: 'demo' }));
    expect(reg.list().map((r) => [r.config.id, r.source, r.config.name])).toEqual([
      ['embedded', 'embedded', 'demo'],
      ['plant', 'file', 'file plant'],
    ]);
    expect(warnings).toEqual(['saved broker plant is not started: the configuration file defines a link with the same id']);
    await expect(reg.save(config({ id: 'embedded' }))).rejects.toThrow('broker embedded is defined in the demo site; change it there');
    await reg.stop();
  });
});
