import type { z } from 'zod';
import type { RetentionSettings, StoragePurgeOutput, StorageSortKey, StorageUsage } from '../../shared/contract/schemas/storage';
import type { EventPublisher } from '../api/event-hub';
import type { Db } from '../db/database';
import { reclaimSpace } from '../db/reclaim-space';
import { retentionSteps } from './retention';
import { DEFAULT_CHUNK_ROWS, RowDeleter } from '../db/row-deleter';
import { purgeHistory, type PurgeRequest } from './storage-purge';
import { StorageRows } from '../db/storage-rows';
import { StorageUsageMeter, type PointDirectory, type SweepSummary } from './storage-usage';

/** Rows added are announced (`storage.changed`) at most this often. */
const USAGE_EVENT_MS = 10_000;

export interface StorageOptions {
  retention: RetentionSettings;
  /** Time between two retention sweeps. */
  sweepIntervalMs: number;
  /** The first sweep runs this long after start, once the site is up. */
  firstSweepDelayMs?: number;
  /** How often the row counters are saved (they are also saved at a clean stop). */
  saveIntervalMs?: number;
  chunkRows?: number;
  /** Files up to this size are measured with dbstat; larger ones are estimated. */
  dbstatMaxBytes?: number;
  /** Writes what the ingest still holds in memory (pending samples, rollups), so a purge or sweep sees it all. */
  flushPending?: () => void;
}

/**
 * The site's history storage beyond appending samples: row counters, retention sweeps on a timer,
 * purges on request, and the usage report. Built once per core, around its one connection.
 */
export class StorageService {
  readonly rows: StorageRows;
  private readonly deleter: RowDeleter;
  private readonly meter: StorageUsageMeter;
  private readonly timers: NodeJS.Timeout[] = [];
  private recounting: Promise<boolean> | null = null;
  private lastSweep: SweepSummary | null = null;
  private stopping: Promise<void> | null = null;
  private events: EventPublisher | null = null;
  private announcedChanges = -1;

  constructor(
    private readonly db: Db,
    private readonly file: string,
    private readonly directory: PointDirectory,
    private readonly options: StorageOptions,
  ) {
    this.rows = new StorageRows(db);
    this.deleter = new RowDeleter(db, this.rows, options.chunkRows ?? DEFAULT_CHUNK_ROWS);
    this.meter = new StorageUsageMeter(db, file, this.rows, directory, options.dbstatMaxBytes);
  }

  /** Starts the counters' saving, the retention sweeps and `storage.changed` (rows added, at most every USAGE_EVENT_MS). */
  start(events: EventPublisher): void {
    this.events = events;
    this.timers.push(
      setInterval(() => {
        if (this.rows.changes !== this.announcedChanges) this.announce('growth');
      }, USAGE_EVENT_MS),
    );
    void this.ensureCounted();
    const sweep = () => void this.sweep().catch((err: unknown) => console.error(`arxos: retention sweep failed: ${(err as Error).message}`));
    const first = setTimeout(() => {
      sweep();
      this.timers.push(setInterval(sweep, this.options.sweepIntervalMs));
    }, this.options.firstSweepDelayMs ?? 60_000);
    this.timers.push(
      first,
      setInterval(() => {
        try {
          this.rows.save();
        } catch (err) {
          // The database refuses writes (ingest reports why); the counters stay dirty and are saved later.
          console.error(`arxos: saving the storage counters failed: ${(err as Error).message}`);
        }
        void this.ensureCounted();
      }, this.options.saveIntervalMs ?? 60_000),
    );
  }

  /** Stops sweeps, purges and recounts at their next chunk, then saves the counters as exact if they are. Once. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const t of this.timers.splice(0)) clearTimeout(t);
      await this.deleter.stop();
      if (this.recounting) await this.recounting;
      try {
        this.rows.save(true);
      } catch (err) {
        // Left marked dirty: the next start recounts.
        console.error(`arxos: saving the storage counters failed: ${(err as Error).message}`);
      }
    })();
    return this.stopping;
  }

  private announce(reason: 'growth' | 'sweep' | 'purge' | 'recount'): void {
    if (!this.events?.wants('storage.changed')) return;
    this.announcedChanges = this.rows.changes;
    this.events.publish('storage.changed', { reason });
  }

  usage(q: { top: number; sortBy: z.infer<typeof StorageSortKey> }): StorageUsage {
    return this.meter.usage(q, this.options.retention, this.lastSweep);
  }

  /** Purges pick points by their counters, so they wait for a recount to finish. */
  async purge(q: PurgeRequest): Promise<StoragePurgeOutput> {
    await this.ensureCounted();
    this.options.flushPending?.();
    const result = await purgeHistory(
      {
        db: this.db,
        file: this.file,
        rows: this.rows,
        deleter: this.deleter,
        pointInfo: (id) => this.directory.pointById(id),
      },
      q,
    );
    this.announce('purge');
    return result;
  }

  /** Deletes what each point kind keeps no longer, then gives the space back. */
  async sweep(now = Date.now()): Promise<SweepSummary> {
    await this.ensureCounted();
    return this.deleter.exclusive(async () => {
      this.options.flushPending?.();
      const started = performance.now();
      const steps = retentionSteps(this.rows, this.options.retention, (id) => this.directory.pointById(id)?.kind, now);
      const result = await this.deleter.delete(steps);
      if (result.deleted.some((n) => n > 0)) await reclaimSpace(this.db, () => this.deleter.stopped);
      const [raw, m1, h1] = result.deleted;
      this.lastSweep = { at: now, durationMs: Math.round(performance.now() - started), deletedRows: { raw, '1m': m1, '1h': h1 } };
      this.announce('sweep');
      return this.lastSweep;
    });
  }

  /** Rebuilds the counters from the tables when they may be off (unclean shutdown, failed commit). */
  ensureCounted(): Promise<boolean> {
    if (this.rows.exact) return Promise.resolve(true);
    this.recounting ??= this.rows
      .recount(() => this.deleter.stopped)
      .catch((err: unknown) => {
        // Tried again at the next save tick; until then usage says the counts are not exact.
        console.error(`arxos: recounting the stored rows failed: ${(err as Error).message}`);
        return false;
      })
      .finally(() => {
        this.recounting = null;
        this.announce('recount');
      });
    return this.recounting;
  }
}
