import { z } from 'zod';

/** Milliseconds since the Unix epoch, inside a range no real sample leaves. */
export const EpochMs = z.number().int().min(0).max(8_640_000_000_000);
export const Id = z.number().int().positive();
export const Empty = z.object({}).strict();
/** An empty input that may also be left out entirely. */
export const NoInput = Empty.optional().default({});
export const Ok = z.object({ ok: z.literal(true) });
