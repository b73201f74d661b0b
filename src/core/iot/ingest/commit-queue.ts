import { SampleBatch, type AppendResult, type SampleStore } from '../../db/samples';
import { describeWriteError } from '../../db/write-errors';
import type { HandOff } from './hand-off';

/** After a failed commit the next try waits this long, doubling up to RETRY_MAX_MS. */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

export interface CommitOptions {
  batchMs: number;
  batchSize: number;
}

export interface CommitCounters {
  stored: number;
  duplicates: number;
  commitFailures: number;
}

/**
 * Samples on their way into the database: a batch fills until batchSize or batchMs, then is committed
 * in one transaction and handed off. A commit that fails (disk full, database locked) keeps its batch
 * and is retried with a growing delay; its samples stay counted in `queued`, and the hand-off hears
 * nothing of them until they are really stored.
 */
export class CommitQueue {
  /** Filling up; committed when it reaches batchSize or after batchMs. */
  private batch = new SampleBatch();
  /** Full batches whose commit failed or waits for the retry, oldest first. */
  private readonly held: SampleBatch[] = [];
  private heldSamples = 0;
  private timer: NodeJS.Timeout | null = null;
  /** The last commit failed: only the retry timer (or an explicit flush) tries again. */
  private failing = false;
  private retryMs = RETRY_MIN_MS;
  private storeError: string | null = null;

  constructor(
    private readonly store: SampleStore,
    private readonly handOff: HandOff,
    private readonly options: CommitOptions,
    private readonly counters: CommitCounters,
    /** Called after every batch that went through (the ingest clears its registry error). */
    private readonly committed: () => void = () => undefined,
  ) {}

  /** One sample; the hot path. */
  push(pointId: number, ts: number, value: number, quality: number): void {
    this.batch.push(pointId, ts, value, quality);
    if (this.batch.size >= this.options.batchSize) this.batchFull();
    else if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.options.batchMs);
  }

  /** Commits every queued batch, oldest first, one transaction each; stops at the first that fails and keeps it. */
  flush(): void {
    this.cancelTimer();
    if (this.batch.size > 0) this.hold();
    while (this.held.length > 0) {
      const batch = this.held[0]!;
      let result: AppendResult;
      try {
        result = this.store.append(batch);
      } catch (err) {
        this.commitFailed(err);
        return;
      }
      this.held.shift();
      this.heldSamples -= batch.size;
      this.counters.stored += result.stored;
      this.counters.duplicates += result.duplicates;
      this.committed();
      this.handOff.run(batch);
    }
    if (this.failing) {
      console.error(`arxos: the database takes samples again (it refused them: ${this.storeError ?? 'unknown error'})`);
      this.failing = false;
      this.storeError = null;
      this.retryMs = RETRY_MIN_MS;
    }
  }

  /** Stops the timers and writes what is pending, rollups included; call before the database closes. */
  close(): void {
    this.flush();
    this.cancelTimer();
    if (!this.failing) {
      try {
        this.store.flushRollups();
      } catch (err) {
        // The raw samples are committed; the rollups are recomputed from them at the next start.
        console.error(`arxos: writing the last rollups failed: ${describeWriteError(err)}`);
      }
    }
    if (this.queued > 0) console.error(`arxos: ${this.queued} samples could not be written before closing: ${this.storeError ?? 'unknown error'}`);
  }

  /** Samples waiting for their commit, the held ones of failed commits included. */
  get queued(): number {
    return this.heldSamples + this.batch.size;
  }

  /** Why the database refuses samples, in plain words; null while commits go through. */
  get error(): string | null {
    return this.storeError;
  }

  /** The batch reached batchSize: commit now, or while commits fail set it aside for the retry. */
  private batchFull(): void {
    if (this.failing) this.hold();
    else this.flush();
  }

  private hold(): void {
    this.held.push(this.batch);
    this.heldSamples += this.batch.size;
    this.batch = new SampleBatch();
  }

  private commitFailed(err: unknown): void {
    this.counters.commitFailures++;
    const error = `cannot write samples: ${describeWriteError(err)}`;
    if (!this.failing || error !== this.storeError) console.error(`arxos: ${error}; ${this.queued} samples are held and retried`);
    this.storeError = error;
    this.failing = true;
    this.timer = setTimeout(() => this.flush(), this.retryMs);
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
