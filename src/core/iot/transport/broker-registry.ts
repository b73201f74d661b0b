import type { BrokerConfig, BrokerSource } from '../../../shared/contract/schemas/brokers';
import { ApiError, ErrorCode, notFound } from '../../../shared/errors';
import type { BrokerStore } from '../../db/brokers';
import type { LinkStatus } from './broker-link';

/** A running link as the registry needs it; the core builds it (ingest mappings, acknowledgements). */
export interface LinkHandle {
  readonly state: LinkStatus;
  /** The MQTT client id, under which the broker keeps the link's session. */
  readonly clientId: string;
  /** The topic filters subscribed, `$share/` prefix included. */
  readonly filters: readonly string[];
  stop(): Promise<void>;
}

export interface BrokerRegistryDeps {
  store: BrokerStore;
  /** Creates and starts a link; throws when its settings cannot work. */
  startLink(config: BrokerConfig, embedded: boolean): LinkHandle;
  /**
   * Tidies the broker's side of a link that was up and stopped for good or is replaced by `next`: ends the
   * session of a removed link, or drops the subscriptions the new settings no longer have. Called before
   * the new link starts, since it connects with the same client id.
   */
  retire(old: RetiredLink, next: BrokerConfig | null): Promise<void>;
  /** Called after every change of the set of links. */
  onChange(): void;
  warn(message: string): void;
}

export interface RetiredLink {
  config: BrokerConfig;
  clientId: string;
  filters: readonly string[];
}

export interface BrokerRecord {
  readonly config: BrokerConfig;
  readonly source: BrokerSource;
  /** Null while disabled, or when it could not start (see `problem`). */
  readonly link: LinkHandle | null;
  readonly problem: string | null;
  /** The stored password could not be unsealed: saving must set or clear it. */
  readonly lostPassword: boolean;
}

/**
 * The broker links of the core: the embedded demo broker, the configuration file's, and those saved
 * through the contract. Saved links are added, replaced and removed at run time, one change at a time,
 * without restarting the core.
 */
export class BrokerRegistry {
  private readonly records = new Map<string, BrokerRecord>();
  /** Changes run one after the other: a save racing a remove of the same link must not leave two links. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: BrokerRegistryDeps) {}

  /** Opens the embedded, configured and saved links. A saved link whose id the file also uses is not started. */
  start(fileBrokers: readonly BrokerConfig[], embedded: BrokerConfig | null): void {
    if (embedded !== null) this.add(embedded, 'embedded', null, false);
    for (const b of fileBrokers) this.add(b, 'file', null, false);
    const { brokers, skipped } = this.deps.store.load();
    for (const message of skipped) this.deps.warn(`${message}; it is not started`);
    for (const saved of brokers) {
      const { id } = saved.config;
      if (this.records.has(id)) {
        this.deps.warn(`saved broker ${id} is not started: the configuration file defines a link with the same id`);
        continue;
      }
      this.add(saved.config, 'saved', saved.problem, saved.problem !== null);
    }
  }

  list(): BrokerRecord[] {
    return [...this.records.values()];
  }

  get(id: string): BrokerRecord | undefined {
    return this.records.get(id);
  }

  /** The state of every running link, for system.health. */
  statuses(): LinkStatus[] {
    const out: LinkStatus[] = [];
    for (const r of this.records.values()) if (r.link !== null) out.push(r.link.state);
    return out;
  }

  /** Creates or replaces a saved link: stored first, then the old link stops and the new one starts. */
  save(config: BrokerConfig): Promise<BrokerRecord> {
    return this.serially(async () => {
      const old = this.records.get(config.id);
      if (old !== undefined) this.assertEditable(old);
      this.deps.store.save(config);
      if (old?.link) await this.stopLink(old, old.link, config);
      const record = this.add(config, 'saved', null, false);
      this.deps.onChange();
      return record;
    });
  }

  /** Stops a saved link, ends its session at the broker and forgets it. */
  remove(id: string): Promise<void> {
    return this.serially(async () => {
      const old = this.records.get(id);
      if (old === undefined) throw notFound(`broker ${id}`);
      this.assertEditable(old);
      this.deps.store.remove(id);
      this.records.delete(id);
      if (old.link) await this.stopLink(old, old.link, null);
      this.deps.onChange();
    });
  }

  /** Stops every link; the brokers keep their sessions for the next start. */
  async stop(): Promise<void> {
    this.closed = true;
    await this.queue;
    await Promise.allSettled(this.list().map((r) => r.link?.stop()));
  }

  private assertEditable(record: BrokerRecord): void {
    if (record.source === 'saved') return;
    const where = record.source === 'file' ? 'the configuration file' : 'the demo site';
    throw new ApiError(ErrorCode.Conflict, `broker ${record.config.id} is defined in ${where}; change it there`);
  }

  private add(config: BrokerConfig, source: BrokerSource, problem: string | null, lostPassword: boolean): BrokerRecord {
    let link: LinkHandle | null = null;
    let why = problem;
    if (why === null && config.enabled) {
      try {
        link = this.deps.startLink(config, source === 'embedded');
      } catch (err) {
        why = `cannot start: ${(err as Error).message}`;
      }
    }
    const record: BrokerRecord = { config, source, link, problem: why, lostPassword };
    this.records.set(config.id, record);
    return record;
  }

  /** Only a link that was up is tidied: a broker that could not be reached would only make the change wait. */
  private async stopLink(old: BrokerRecord, link: LinkHandle, next: BrokerConfig | null): Promise<void> {
    const wasUp = link.state.state === 'up';
    await link.stop();
    if (!wasUp) return;
    try {
      await this.deps.retire({ config: old.config, clientId: link.clientId, filters: link.filters }, next);
    } catch (err) {
      this.deps.warn(`broker ${old.config.id}: the old session was not tidied: ${(err as Error).message}`);
    }
  }

  private serially<T>(op: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new ApiError(ErrorCode.Unavailable, 'the core is stopping'));
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
