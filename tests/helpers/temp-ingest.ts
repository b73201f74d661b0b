import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/core/db/database';
import { DeadLetterTable } from '../../src/core/db/dead-letters';
import { LatestTable } from '../../src/core/db/latest';
import { SampleStore } from '../../src/core/db/samples';
import { DeviceHealth } from '../../src/core/model/devices/device-health';
import { Ingest, type IngestOptions } from '../../src/core/iot/ingest/ingest';
import { LinkProtocols } from '../../src/core/iot/protocols/link-protocols';
import type { LinkPublisher } from '../../src/core/iot/protocols/protocol';
import { BrokerConfig, type BrokerConfigInput } from '../../src/shared/contract/schemas/brokers';
import { LatestValues } from '../../src/core/model/latest-values';
import { QualityAssessor } from '../../src/core/model/quality/quality';
import { Registry } from '../../src/core/model/registry';
import { tempDir } from './temp-dir';

/** The ingest path over a real SQLite file in a temp dir, without a core around it. */
export interface TempIngest {
  dir: string;
  file: string;
  db: Db;
  ingest: Ingest;
  registry: Registry;
  latest: LatestValues;
  devices: DeviceHealth;
  deadLetters: DeadLetterTable;
  /** A broker link's protocols (JSON mappings, Sparkplug) and a way to hand the ingest a message as that link would. */
  link(config: Partial<BrokerConfigInput> & { id: string }, publisher?: LinkPublisher): TestLink;
  /** Closes the ingest and the database and removes the dir. */
  close(): void;
}

export interface TestLink {
  protocols: LinkProtocols;
  send(topic: string, payload: Buffer): boolean;
}

export function tempIngest(options: Partial<IngestOptions> = {}, deadLetterCapacity = 1000): TempIngest {
  const dir = tempDir();
  const file = path.join(dir, 'site.db');
  const db = openDatabase(file);
  const registry = new Registry(db);
  const latest = new LatestValues(new LatestTable(db), (id) => registry.pointById(id)?.valueType === 'boolean');
  const devices = new DeviceHealth();
  const deadLetters = new DeadLetterTable(db, deadLetterCapacity);
  const ingest = new Ingest(
    { registry, store: new SampleStore(db), latest, quality: new QualityAssessor(), devices, deadLetters },
    { batchMs: 20, batchSize: 10_000, maxQueued: 250_000, maxPayloadBytes: 256 * 1024, ...options },
  );
  return {
    dir,
    file,
    db,
    ingest,
    registry,
    latest,
    devices,
    deadLetters,
    link(config, publisher = { publish: () => false }) {
      const parsed = BrokerConfig.parse({ name: config.id, url: 'mqtt://127.0.0.1:1', ...config });
      const protocols = new LinkProtocols(parsed, registry, publisher);
      return { protocols, send: (topic, payload) => ingest.accept(parsed.id, protocols, topic, payload) };
    },
    close() {
      ingest.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
