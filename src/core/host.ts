import path from 'node:path';
import pkg from '../../package.json';
import type { MethodName, MethodOutput } from '../shared/contract';
import type { Health } from '../shared/contract/schemas/system';
import type { Session } from '../shared/permissions';
import { Dispatcher, type CallContext } from './api/dispatcher';
import { EventHub } from './api/event-hub';
import { createHandlers } from './api/handlers';
import { demoEnabled, type CoreConfig } from './config';
import { databaseSize, openDatabase, type Db } from './db/database';
import { HistoryReader } from './db/history';
import { installationId } from './db/installation-id';
import { LatestTable } from './db/latest';
import { SampleStore, type SampleBatch } from './db/samples';
import { startDemoSite, type DemoSite } from './demo';
import { ackAfterCommit } from './iot/broker-acks';
import { BrokerLink } from './iot/broker-link';
import { DeviceHealth } from './iot/device-health';
import { Ingest } from './iot/ingest';
import { QualityAssessor } from './iot/quality';
import { LatestValues } from './iot/latest-values';
import { Registry } from './iot/registry';
import { RateMeter } from './rate-meter';

/** Live values reach clients at most this often. */
export const COALESCE_MS = 50;
const STATUS_MS = 1000;
const SAVE_LATEST_MS = 2000;
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
  /** The hand-off after each committed batch of samples (alarms, automation, benchmarks). */
  onSamplesCommitted(listener: (batch: SampleBatch) => void): void;
}

export function createCore(config: CoreConfig): Core {
  const dbFile = path.join(config.dataDir, 'site.db');
  const db: Db = openDatabase(dbFile, config.sqliteBinding ? { nativeBinding: config.sqliteBinding } : {});
  const registry = new Registry(db);
  const latest = new LatestValues(new LatestTable(db), (id) => registry.pointById(id)?.valueType === 'boolean');
  const devices = new DeviceHealth();
  const ingest = new Ingest({ registry, store: new SampleStore(db), latest, quality: new QualityAssessor(), devices }, { ...config.ingest, maxPayloadBytes: MAX_PAYLOAD_BYTES });
  const history = new HistoryReader(db);
  const hub = new EventHub();
  const links = new Map<string, BrokerLink>();
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
    brokers: [...links.values()].map((l) => l.state),
    ingest: {
      ratePerS: rate.perSecond(),
      received: ingest.counters.received,
      stored: ingest.counters.stored,
      queued: ingest.queued,
      dropped: ingest.counters.dropped,
      deadLettered: { ...ingest.counters.deadLettered },
    },
    db: { sizeBytes: databaseSize(dbFile), points: registry.pointCount, devices: registry.deviceCount },
  });

  const dispatcher = new Dispatcher(createHandlers({ registry, latest, history, health }));

  const linkOptions = { installationId: installationId(db) };
  const linkEvents = {
    onMessage: (linkId: string, topic: string, payload: Buffer) => ingest.accept(linkId, topic, payload),
    whenCommitted: ackAfterCommit(ingest),
    onStatus: () => {
      if (running) hub.publish('system.status', health());
    },
  };

  function openLink(config: CoreConfig['brokers'][number], embedded: boolean): void {
    const link = new BrokerLink(config, linkEvents, { ...linkOptions, embedded });
    links.set(config.id, link);
    link.start(ingest.setMappings(config.id, config.mappings));
  }

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
        openLink(demo.broker, true);
      }
      for (const b of config.brokers) if (b.enabled) openLink(b, false);
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
        setInterval(() => latest.save(), SAVE_LATEST_MS),
      );
    },

    async stop() {
      running = false;
      for (const t of timers.splice(0)) clearInterval(t);
      await Promise.allSettled([...links.values()].map((l) => l.stop()));
      links.clear();
      if (demo) await demo.stop();
      demo = null;
      ingest.flush();
      latest.save();
      db.close();
    },
  };
}
