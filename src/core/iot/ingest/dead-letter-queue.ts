import { DEAD_LETTER_RAW_BYTES, type DeadLetterReason } from '../../../shared/contract/schemas/ingest';
import type { DeadLetterRow } from '../../db/dead-letters';
import { describeWriteError } from '../../db/write-errors';

export interface DeadLetterWriter {
  write(rows: readonly DeadLetterRow[]): void;
}

export interface DeadLetterQueueOptions {
  /** Rows waiting for the next write; refused messages beyond it are counted, not kept. */
  maxPending: number;
  /** Rows are written at most this often: a flood of garbage costs one transaction per interval. */
  writeMs: number;
  /** After a failed write the rows are kept and tried again this much later. */
  retryMs: number;
}

const TOPIC_CHARS = 1024;
const MESSAGE_CHARS = 500;

const cut = (text: string, chars: number): string => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

/**
 * Refused messages on their way to the dead-letter table: held in memory up to a bound and
 * written in one transaction per interval, so bad input never costs a statement per message.
 */
export class DeadLetterQueue {
  /** Refused messages not kept: the bound was full, or the rows were lost with a failing database. */
  unrecorded = 0;
  /** Why the last write failed, while rows wait for a retry. */
  lastError: string | null = null;
  private pending: DeadLetterRow[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly writer: DeadLetterWriter,
    private readonly options: DeadLetterQueueOptions,
  ) {}

  add(reason: DeadLetterReason, linkId: string, topic: string, message: string, payload: Buffer, at: number): void {
    if (this.pending.length >= this.options.maxPending) {
      this.unrecorded++;
      return;
    }
    this.pending.push({
      at,
      linkId,
      topic: cut(topic, TOPIC_CHARS),
      reason,
      message: cut(message, MESSAGE_CHARS),
      // A copy of the first bytes: the payload may be a view into the socket's much larger buffer.
      raw: Buffer.from(payload.subarray(0, DEAD_LETTER_RAW_BYTES)),
      size: payload.length,
    });
    this.timer ??= setTimeout(() => this.write(), this.options.writeMs);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Writes what is pending; on failure keeps it and tries again later. */
  write(): void {
    this.cancel();
    if (this.pending.length === 0) return;
    try {
      this.writer.write(this.pending);
    } catch (err) {
      this.lastError = `cannot write dead letters: ${describeWriteError(err)}`;
      this.timer = setTimeout(() => this.write(), this.options.retryMs);
      return;
    }
    this.pending = [];
    this.lastError = null;
  }

  /** Stops the timer; what is still pending is given up and counted as unrecorded. */
  close(): void {
    this.write();
    this.cancel();
    this.unrecorded += this.pending.length;
    this.pending = [];
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
