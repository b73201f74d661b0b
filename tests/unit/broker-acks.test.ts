import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/core/db/database';
import { DeadLetterTable } from '../../src/core/db/dead-letters';
import { LatestTable } from '../../src/core/db/latest';
import { SampleStore } from '../../src/core/db/samples';
import { ackAfterCommit } from '../../src/core/iot/transport/broker-acks';
import { DeviceHealth } from '../../src/core/model/devices/device-health';
import { Ingest } from '../../src/core/iot/ingest/ingest';
import { LinkProtocols } from '../../src/core/iot/protocols/link-protocols';
import { QualityAssessor } from '../../src/core/model/quality/quality';
import { LatestValues } from '../../src/core/model/latest-values';
import { Registry } from '../../src/core/model/registry';
import { BrokerConfig, JsonMapping } from '../../src/shared/contract/schemas/brokers';
import { tempDir } from '../helpers/temp-dir';

let dir: string;
let db: Db;
let ingest: Ingest;
let commits: number;
let protocols: LinkProtocols;

const storedSamples = (): number => (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
const message = (value: unknown) => Buffer.from(JSON.stringify({ value, ts: 1_700_000_000_000 + Math.round(Number(value) * 1000) }));

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(path.join(dir, 'site.db'));
  const registry = new Registry(db);
  const latest = new LatestValues(new LatestTable(db), () => false);
  // A long batch interval: an acknowledgement that waited for it would show as a timeout here.
  ingest = new Ingest(
    { registry, store: new SampleStore(db), latest, quality: new QualityAssessor(), devices: new DeviceHealth(), deadLetters: new DeadLetterTable(db, 100) },
    { batchMs: 60_000, batchSize: 10_000, maxQueued: 100_000, maxPayloadBytes: 1024 },
  );
  protocols = new LinkProtocols(BrokerConfig.parse({ id: 'site', name: 'site', url: 'mqtt://127.0.0.1:1', mappings: [JsonMapping.parse({ topic: 'bldg/{device}/{point}' })] }), registry, { publish: () => false });
  commits = 0;
  ingest.handOff.add('count', () => commits++);
});

afterEach(() => {
  ingest.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ackAfterCommit with the real ingest and SQLite file', () => {
  it('acknowledges only once the sample is committed, and commits at once instead of after the batch interval', async () => {
    const whenCommitted = ackAfterCommit(ingest);
    ingest.accept('site', protocols, 'bldg/ahu1/temp', message(21.5));
    const seenAtAck = await new Promise<number>((resolve) => {
      whenCommitted(() => resolve(storedSamples()));
      expect(storedSamples()).toBe(0);
    });
    expect(seenAtAck).toBe(1);
  });

  it('acknowledges the messages of several links with one commit', async () => {
    const whenCommitted = ackAfterCommit(ingest);
    const acked: number[] = [];
    for (let i = 0; i < 5; i++) {
      ingest.accept('site', protocols, `bldg/ahu${i}/temp`, message(20 + i));
      whenCommitted(() => acked.push(storedSamples()));
    }
    await new Promise((r) => setImmediate(r));
    expect(acked).toEqual([5, 5, 5, 5, 5]);
    expect(commits).toBe(1);
  });

  it('acknowledges at once a message that left nothing to commit (dead-lettered)', () => {
    const whenCommitted = ackAfterCommit(ingest);
    ingest.accept('site', protocols, 'bldg/ahu1/temp', Buffer.from('not json {'));
    let acked = false;
    whenCommitted(() => {
      acked = true;
    });
    expect(acked).toBe(true);
    expect(ingest.counters.deadLettered['not-json']).toBe(1);
  });
});
