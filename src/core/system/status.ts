import type { Health } from '../../shared/contract/schemas/system';
import type { EventPublisher } from '../api/event-hub';
import { databaseSize } from '../db/database';
import type { Ingest } from '../iot/ingest/ingest';
import type { BrokerRegistry } from '../iot/transport/broker-registry';
import type { Registry } from '../model/registry';
import { every } from './every';
import { RateMeter } from './rate-meter';

/** Health is pushed to subscribers this often, and at once on every link change. */
const STATUS_MS = 1000;

export interface StatusSources {
  version: string;
  site: string;
  dbFile: string;
  /** Whether the embedded demo site runs (known only once the core has started). */
  demo(): boolean;
  brokers: Pick<BrokerRegistry, 'statuses'>;
  ingest: Pick<Ingest, 'counters' | 'queued' | 'lastError'>;
  registry: Pick<Registry, 'pointCount' | 'deviceCount'>;
}

/** The core's health: answered to `system.health`, pushed as `system.status`. */
export class SystemStatus {
  private readonly startedAt = Date.now();
  private readonly rate = new RateMeter();
  private events: EventPublisher | null = null;
  private stopTicks: (() => void) | null = null;

  constructor(private readonly s: StatusSources) {}

  health(): Health {
    const { ingest } = this.s;
    return {
      version: this.s.version,
      startedAt: this.startedAt,
      uptimeS: (Date.now() - this.startedAt) / 1000,
      site: this.s.site,
      demo: this.s.demo(),
      brokers: this.s.brokers.statuses(),
      ingest: {
        ratePerS: this.rate.perSecond(),
        received: ingest.counters.received,
        stored: ingest.counters.stored,
        queued: ingest.queued,
        dropped: ingest.counters.dropped,
        deadLettered: { ...ingest.counters.deadLettered },
        commitFailures: ingest.counters.commitFailures,
        lastError: ingest.lastError,
      },
      db: { sizeBytes: databaseSize(this.s.dbFile), points: this.s.registry.pointCount, devices: this.s.registry.deviceCount },
    };
  }

  start(events: EventPublisher): void {
    this.events = events;
    this.stopTicks = every(STATUS_MS, 'publishing health', () => {
      this.rate.sample(this.s.ingest.counters.stored);
      this.publish();
    });
  }

  /** A broker link changed state: subscribers hear of it at once, not at the next tick. */
  changed(): void {
    this.publish();
  }

  stop(): void {
    this.stopTicks?.();
    this.stopTicks = null;
    this.events = null;
  }

  private publish(): void {
    if (this.events?.wants('system.status')) this.events.publish('system.status', this.health());
  }
}
