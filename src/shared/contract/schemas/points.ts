import { z } from 'zod';
import { EpochMs, Id } from './common';

export const PointKind = z.enum(['sensor', 'setpoint', 'command', 'status']);
export const ValueType = z.enum(['number', 'boolean', 'string']);
export const SampleValue = z.union([z.number(), z.boolean(), z.string()]);

export const Point = z.object({
  id: Id,
  /** Stable path of the point, e.g. `hq/f1/r101/thermostat/temperature`. */
  key: z.string(),
  name: z.string(),
  deviceId: Id,
  deviceKey: z.string(),
  kind: PointKind,
  valueType: ValueType,
  unit: z.string().nullable(),
  /** Project Haystack-style marker tags: `temp`, `air`, `zone`, `sensor`, ... */
  tags: z.array(z.string()),
  /** Building space (room) the point serves, when known. */
  spaceId: z.string().nullable(),
});
export type Point = z.infer<typeof Point>;

export const LatestValue = z.object({
  id: Id,
  ts: EpochMs,
  value: SampleValue,
  quality: z.number().int().min(0),
});
export type LatestValue = z.infer<typeof LatestValue>;

export const PointsListInput = z
  .object({
    deviceId: Id.optional(),
    spaceId: z.string().min(1).optional(),
    /** Every tag listed must be on the point. */
    tags: z.array(z.string().min(1)).max(32).optional(),
    /** Case-insensitive match on key, name or unit. */
    text: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100_000).default(10_000),
  })
  .strict()
  .optional()
  .default({ limit: 10_000 });

export const PointsListOutput = z.object({ points: z.array(Point), total: z.number().int() });

export const PointsLatestInput = z
  .object({ ids: z.array(Id).max(100_000).optional() })
  .strict()
  .optional()
  .default({});
export const PointsLatestOutput = z.object({ values: z.array(LatestValue) });

export const PointsChanged = z.object({ values: z.array(LatestValue) });
export type PointsChanged = z.infer<typeof PointsChanged>;
export const PointsUpdated = z.object({ points: z.array(Point) });
