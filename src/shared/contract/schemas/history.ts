import { z } from 'zod';
import { EpochMs, Id } from './common';

export const HistoryResolution = z.enum(['raw', '1m', '1h']);

export const HistoryQueryInput = z
  .object({
    point: Id,
    from: EpochMs,
    to: EpochMs,
    maxPoints: z.number().int().min(1).max(20_000).default(1000),
  })
  .strict()
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['from'] });

/** One bucket: for raw samples min = max = value and count = 1. */
export const HistoryBucket = z.object({
  ts: EpochMs,
  value: z.number(),
  min: z.number(),
  max: z.number(),
  count: z.number().int(),
  /** Worst quality code in the bucket (bit-or of the codes). */
  quality: z.number().int(),
});

export const HistoryQueryOutput = z.object({
  point: Id,
  /** The stored series the answer was read from. */
  source: HistoryResolution,
  /** Width of each returned bucket in ms; 0 when raw samples are returned as they are. */
  bucketMs: z.number().int().min(0),
  samples: z.array(HistoryBucket),
});
