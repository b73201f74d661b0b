import path from 'node:path';
import pkg from '../../package.json';
import type { MethodName, MethodOutput } from '../shared/contract';
import { DEAD_LETTER_CAPACITY } from '../shared/contract/schemas/ingest';
import type { Health } from '../shared/contract/schemas/system';
import type { Session } from '../shared/permissions';
import { Dispatcher, type CallContext } from './api/dispatcher';
import { EventHub } from './api/event-hub';
import { createHandlers } from './api/handlers';
import { demoEnabled, type CoreConfig } from './config';
import { databaseSize, openDatabase, type Db } from './db/database';
import { HistoryReader } from './db/history';
import { installationId } from './db/installation-id';
import { BrokerStore } from './db/brokers';
import { DeadLetterTable } from './db/dead-letters';
import { DeviceProfileTable } from './db/device-profiles';
import { LatestTable } from './db/latest';
import { SampleStore, type SampleBatch } from './db/samples';
import { SpaceTable } from './db/spaces';
import { StorageService } from './storage/storage';
import { SecretBox } from './db/secret-box';
import { DEMO_MODEL_SOURCE, startDemoSite, type DemoSite } from './demo';
import { ackAfterCommit } from './iot/transport/broker-acks';
import { BrokerLink } from './iot/transport/broker-link';
import { subscriptionFilters } from './iot/transport/broker-options';
import { BrokerRegistry, type LinkHandle } from './iot/transport/broker-registry';
import { tidySession } from './iot/transport/broker-session';
import { DeviceDirectory } from './model/devices/device-directory';
import { DeviceHealth } from './model/devices/device-health';
import { Ingest } from './iot/ingest/ingest';
import { QualityAssessor } from './model/quality/quality';
import { LatestValues } from './model/latest-values';
import { DeviceProfiles } from './model/devices/profiles';
import { Registry } from './model/registry';
import { SpaceDirectory } from './model/spaces/spaces';
import { RateMeter } from './system/rate-meter';

/** Live values reach clients at most this often. */
export const COALESCE_MS = 50;
const STATUS_MS = 1000;
const SAVE_LATEST_MS = 2000;
const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Heartbeat timeouts, message rates, stale values and profile matching are judged this often. */
const DEVICE_SWEEP_MS = 2000;

export interface Core {
  readonly config: CoreConfig;
  readonly dbFile: string;
  readonly dispatcher: Dispatcher;
  readonly hub: EventHub;
  start(): Promise<void>;
  /** Stops the links, commits everything pending and closes the database. */
  stop(): Promise<void>;
  health(): Health;
  /** Calls a method as the given session, through the same dispatcher the transports use. */
  call<M extends MethodName>(session: Session, method: M, params?: unknown): Promise<MethodOutput<M>>;
  /** The hand-off after each committed batch of samples (alarms, automation, benchmarks). */
  onSamplesCommitted(listener: (batch: SampleBatch) => void): void;
}

export function createCore(config: CoreConfig): Core {
  const dbFile = path.join(config.dataDir, 'site.db');
  const db: Db = openDatabase(dbFile, config.sqliteBinding ? { nativeBinding: config.sqliteBinding } : {});
  const registry = new Registry(db);
  const spaces = new SpaceDirectory(new SpaceTable(db), registry);
  const storage = new StorageService(db, dbFile, registry, {
    retention: config.storage.retention,
    sweepIntervalMs: config.storage.sweepIntervalMin * 60_000,
    // A purge or sweep first writes what the ingest still holds (declared below; called only later).
    flushPending: () => {
      ingest.flush();
      sampleStore.flushRollups();
    },
  });
  const latest = new LatestValues(new LatestTable(db), (id) => registry.pointById(id)?.valueType === 'boolean');
  const profiles = new DeviceProfiles(registry, new DeviceProfileTable(db));
  const quality = new QualityAssessor(profiles);
  const devices = new DeviceHealth(profiles, DEVICE_SWEEP_MS);
  const deadLetters = new DeadLetterTable(db, DEAD_LETTER_CAPACITY);
  // Rollups of recent minutes are written once a second, not with every batch (see SampleStore).
  const sampleStore = new SampleStore(db, storage.rows, { rollupFlushMs: 1000 });
  const ingest = new Ingest({ registry, store: sampleStore, latest, quality, devices, deadLetters }, { ...config.ingest, maxPayloadBytes: MAX_PAYLOAD_BYTES });
  const deviceDirectory = new DeviceDirectory({ registry, latest, health: devices, quality, profiles });
  const history = new HistoryReader(db);
  const hub = new EventHub();
  const rate = new RateMeter();
  const startedAt = Date.now();
  let demo: DemoSite | null = null;
  const timers: NodeJS.Timeout[] = [];
  let running = false;

  const health = (): Health => ({
    version: pkg.version,
    startedAt,
    uptimeS: (Date.now() - startedAt) / 1000,
    site: config.site.name,
    demo: demo !== null,
    brokers: brokers.statuses(),
    ingest: {
      ratePerS: rate.perSecond(),
      received: ingest.counters.received,
      stored: ingest.counters.stored,
      queued: ingest.queued,
      dropped: ingest.counters.dropped,
      deadLettered: { ...ingest.counters.deadLettered },
      commitFailures: ingest.counters.commitFailures,
      lastError: ingest.lastError,
    },
    db: { sizeBytes: databaseSize(dbFile), points: registry.pointCount, devices: registry.deviceCount },
  });

  const linkOptions = { installationId: installationId(db) };
  const linkEvents = {
    onMessage: (linkId: string, topic: string, payload: Buffer) => ingest.accept(linkId, topic, payload),
    whenCommitted: ackAfterCommit(ingest),
    onStatus: () => {
      if (running) hub.publish('system.status', health());
    },
  };

  function openLink(config: CoreConfig['brokers'][number], embedded: boolean): LinkHandle {
    const link = new BrokerLink(config, linkEvents, { ...linkOptions, embedded });
    const filters = [...ingest.setMappings(config.id, config.mappings), ...ingest.setSparkplug(config.id, config.sparkplug, link)];
    link.start(filters);
    return {
      get state() {
        return link.state;
      },
      clientId: link.clientId,
      filters: subscriptionFilters(filters, config.sharedGroup),
      async stop() {
        await link.stop();
        ingest.setMappings(config.id, []);
        ingest.setSparkplug(config.id, undefined, link);
      },
    };
  }

  // Links come from the configuration file, the database (saved through the contract) and the demo site.
  const brokers = new BrokerRegistry({
    store: new BrokerStore(db, new SecretBox(path.join(config.dataDir, 'secret.key'))),
    startLink: openLink,
    retire: (old, next) => tidySession(old, next, linkOptions.installationId),
    onChange: () => linkEvents.onStatus(),
    warn: (message) => console.warn(`arxos: ${message}`),
  });

  const dispatcher = new Dispatcher(createHandlers({ registry, spaces, latest, history, storage, brokers, health, ingest, deadLetters, devices: deviceDirectory, profiles }));

  /** Latest values survive a restart; while the database refuses writes they stay pending (ingest.lastError says why). */
  const saveLatest = (): void => {
    try {
      latest.save();
    } catch {
      // kept and written with the next save
    }
  };

  return {
    config,
    dbFile,
    dispatcher,
    hub,
    health,
    call: (session, method, params) => dispatcher.call({ session } satisfies CallContext, method, params) as never,
    onSamplesCommitted: (listener) => ingest.onCommit(listener),

    async start() {
      if (demoEnabled(config)) {
        demo = await startDemoSite(config.demo);
        for (const spec of demo.points) registry.register(spec);
        try {
          spaces.replaceModel(DEMO_MODEL_SOURCE, demo.spaces);
        } catch (err) {
          // The site runs on without room names: its spaces are listed by their ids.
          console.warn(`arxos: ${(err as Error).message}`);
        }
      }
      brokers.start(config.brokers, demo?.broker ?? null);
      deviceDirectory.sweep(Date.now());
      storage.start();
      running = true;
      timers.push(
        setInterval(() => {
          const values = latest.takeChanged();
          if (values.length > 0 && hub.wants('points.changed')) hub.publish('points.changed', { values });
        }, COALESCE_MS),
        setInterval(() => {
          rate.sample(ingest.counters.stored);
          if (hub.wants('system.status')) hub.publish('system.status', health());
        }, STATUS_MS),
        setInterval(saveLatest, SAVE_LATEST_MS),
        setInterval(() => deviceDirectory.sweep(Date.now()), DEVICE_SWEEP_MS),
      );
    },

    async stop() {
      running = false;
      for (const t of timers.splice(0)) clearInterval(t);
      await brokers.stop();
      if (demo) await demo.stop();
      demo = null;
      ingest.close();
      saveLatest();
      await storage.stop();
      db.close();
    },
  };
}
