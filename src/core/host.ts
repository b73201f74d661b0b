import path from 'node:path';
import pkg from '../../package.json';
import type { MethodName, MethodOutput } from '../shared/contract';
import { DEAD_LETTER_CAPACITY } from '../shared/contract/schemas/ingest';
import type { Health } from '../shared/contract/schemas/system';
import type { Session } from '../shared/permissions';
import { Dispatcher, type CallContext } from './api/dispatcher';
import { EventHub } from './api/event-hub';
import { createHandlers, type Services } from './api/handlers';
import { demoEnabled, type CoreConfig } from './config';
import { BrokerStore } from './db/brokers';
import { openDatabase, type Db } from './db/database';
import { DeadLetterTable } from './db/dead-letters';
import { DeviceProfileTable } from './db/device-profiles';
import { HistoryReader } from './db/history';
import { installationId } from './db/installation-id';
import { LatestTable } from './db/latest';
import { SampleStore } from './db/samples';
import { SecretBox } from './db/secret-box';
import { SpaceTable } from './db/spaces';
import { DEMO_MODEL_SOURCE, startDemoSite, type DemoSite } from './demo';
import { DeadLetterReport } from './iot/ingest/dead-letter-report';
import type { HandOff } from './iot/ingest/hand-off';
import { Ingest } from './iot/ingest/ingest';
import { LinkProtocols } from './iot/protocols/link-protocols';
import type { Outbound } from './iot/protocols/protocol';
import { BrokerAdmin } from './iot/transport/broker-admin';
import { ackAfterCommit } from './iot/transport/broker-acks';
import { BrokerLink } from './iot/transport/broker-link';
import { subscriptionFilters } from './iot/transport/broker-options';
import { BrokerRegistry, type LinkHandle } from './iot/transport/broker-registry';
import { tidySession } from './iot/transport/broker-session';
import { DEVICE_SWEEP_MS, DeviceDirectory } from './model/devices/device-directory';
import { DeviceHealth } from './model/devices/device-health';
import { DeviceProfiles } from './model/devices/profiles';
import { LatestValues } from './model/latest-values';
import { LiveFeed } from './model/live-feed';
import { PointDirectory } from './model/points';
import { QualityAssessor } from './model/quality/quality';
import { Registry } from './model/registry';
import { SpaceDirectory } from './model/spaces/spaces';
import { HistoryService } from './storage/history';
import { StorageService } from './storage/storage';
import { SystemStatus } from './system/status';

export { COALESCE_MS } from './model/live-feed';
const MAX_PAYLOAD_BYTES = 256 * 1024;

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
  /** The stages after each committed batch of samples (acknowledgements, then alarms, automation, benchmarks). */
  readonly handOff: Pick<HandOff, 'add' | 'names'>;
}

/** Builds the core's services and wires them together; the services run their own timers. */
export function createCore(config: CoreConfig): Core {
  const dbFile = path.join(config.dataDir, 'site.db');
  const db: Db = openDatabase(dbFile, config.sqliteBinding ? { nativeBinding: config.sqliteBinding } : {});
  const hub = new EventHub();
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
  const deviceHealth = new DeviceHealth(profiles, DEVICE_SWEEP_MS);
  const deadLetterTable = new DeadLetterTable(db, DEAD_LETTER_CAPACITY);
  // Rollups of recent minutes are written once a second, not with every batch (see SampleStore).
  const sampleStore = new SampleStore(db, storage.rows, { rollupFlushMs: 1000 });
  const ingest = new Ingest(
    { registry, store: sampleStore, latest, quality, devices: deviceHealth, deadLetters: deadLetterTable },
    { ...config.ingest, maxPayloadBytes: MAX_PAYLOAD_BYTES },
  );
  const devices = new DeviceDirectory({ registry, latest, health: deviceHealth, quality, profiles });
  const liveFeed = new LiveFeed(latest, registry);
  let demo: DemoSite | null = null;
  let running = false;

  const linkOptions = { installationId: installationId(db) };
  const whenCommitted = ackAfterCommit(ingest);
  const onStatus = (): void => {
    if (running) status.changed();
  };

  /** A link with its protocols: they publish on it (Sparkplug STATE, rebirths), the ingest reads through them. */
  function openLink(config: CoreConfig['brokers'][number], embedded: boolean): LinkHandle {
    const protocols = new LinkProtocols(config, registry, { publish: (m: Outbound): boolean => link.publish(m) });
    const onMessage = (linkId: string, topic: string, payload: Buffer) => ingest.accept(linkId, protocols, topic, payload);
    const link: BrokerLink = new BrokerLink(config, protocols, { onMessage, onStatus, whenCommitted }, { ...linkOptions, embedded });
    link.start();
    return {
      get state() {
        return link.state;
      },
      clientId: link.clientId,
      filters: subscriptionFilters(protocols.filters, config.sharedGroup),
      stop: () => link.stop(),
    };
  }

  // Links come from the configuration file, the database (saved through the contract) and the demo site.
  const brokers = new BrokerRegistry({
    store: new BrokerStore(db, new SecretBox(path.join(config.dataDir, 'secret.key'))),
    startLink: openLink,
    retire: (old, next) => tidySession(old, next, linkOptions.installationId),
    onChange: onStatus,
    warn: (message) => console.warn(`arxos: ${message}`),
  });

  const status = new SystemStatus({ version: pkg.version, site: config.site.name, dbFile, demo: () => demo !== null, brokers, ingest, registry });

  const services: Services = {
    status,
    points: new PointDirectory(registry, latest),
    spaces,
    history: new HistoryService(registry, new HistoryReader(db)),
    deadLetters: new DeadLetterReport(deadLetterTable, ingest),
    brokerAdmin: new BrokerAdmin(brokers),
    devices,
    profiles,
    storage,
  };
  const dispatcher = new Dispatcher(createHandlers(services));

  return {
    config,
    dbFile,
    dispatcher,
    hub,
    health: () => status.health(),
    call: (session, method, params) => dispatcher.call({ session } satisfies CallContext, method, params) as never,
    handOff: ingest.handOff,

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
      devices.start(hub);
      storage.start(hub);
      latest.start();
      liveFeed.start(hub);
      status.start(hub);
      running = true;
    },

    async stop() {
      running = false;
      status.stop();
      liveFeed.stop();
      devices.stop();
      await brokers.stop();
      if (demo) await demo.stop();
      demo = null;
      ingest.close();
      latest.stop();
      await storage.stop();
      db.close();
    },
  };
}
