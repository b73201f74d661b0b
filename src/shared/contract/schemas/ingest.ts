import { z } from 'zod';
import { EpochMs, Id } from './common';

/** Why a message was refused by the ingest path; counted per reason and kept in the dead-letter table. */
export const DeadLetterReason = z.enum([
  'oversized',
  'not-json',
  'no-value',
  'bad-value',
  'bad-timestamp',
  'unknown-topic',
  'bad-sparkplug',
  'no-birth',
  'unknown-metric',
  'unsupported-type',
  'null-value',
  'overflow',
]);
export type DeadLetterReason = z.infer<typeof DeadLetterReason>;

export const deadLetterText: Record<DeadLetterReason, string> = {
  oversized: 'payload larger than the limit',
  'not-json': 'payload is not valid JSON',
  'no-value': 'no value at the mapped path',
  'bad-value': 'value is not a finite number, a boolean or a string',
  'bad-timestamp': 'timestamp is not a time',
  'unknown-topic': 'topic matches no mapping',
  'bad-sparkplug': 'malformed Sparkplug B topic or payload',
  'no-birth': 'Sparkplug B data before the birth that defines it (rebirth requested)',
  'unknown-metric': 'Sparkplug B metric its birth did not define (rebirth requested)',
  'unsupported-type': 'Sparkplug B datatype that is not stored (DataSet, Template, bytes)',
  'null-value': 'Sparkplug B metric sent as null',
  overflow: 'dropped: ingest queue full',
};

/** Rows the dead-letter table keeps; the oldest go first. */
export const DEAD_LETTER_CAPACITY = 10_000;
/** Bytes of a refused payload kept with its dead letter; `size` tells the original length. */
export const DEAD_LETTER_RAW_BYTES = 4096;

export const DeadLettersInput = z
  .object({
    reason: DeadLetterReason.optional(),
    linkId: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    /** Paging: only entries older than this one (the `id` of the last entry of the previous page). */
    before: Id.optional(),
  })
  .strict()
  .optional()
  .default({ limit: 100 });

export const DeadLetter = z.object({
  id: Id,
  /** When the message was refused. */
  at: EpochMs,
  linkId: z.string(),
  topic: z.string(),
  reason: DeadLetterReason,
  /** What was wrong, in words. */
  message: z.string(),
  /** The payload's bytes, base64; at most DEAD_LETTER_RAW_BYTES of them. */
  raw: z.string(),
  /** The payload's length in bytes: more than `raw` holds when it was cut. */
  size: z.number().int().min(0),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterCount = z.object({
  reason: DeadLetterReason,
  /** Refused since the core started. */
  sinceStart: z.number().int().min(0),
  /** Rows of this reason in the table now (they survive restarts; the oldest make room). */
  inTable: z.number().int().min(0),
});

export const DeadLettersOutput = z.object({
  /** Newest first. */
  entries: z.array(DeadLetter),
  /** True when more entries match: ask again with `before` set to the last entry's id. */
  more: z.boolean(),
  /** Every reason counted since start or present in the table, most frequent first. */
  counts: z.array(DeadLetterCount),
  /**
   * Refused since start but not kept in the table: a flood outran the writer's bound, or the database
   * refused the rows. Overflow drops are only counted, never kept: they come when the database is failing.
   */
  unrecorded: z.number().int().min(0),
  capacity: z.number().int(),
});
