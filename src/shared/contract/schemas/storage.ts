import { z } from 'zod';
import { EpochMs, Id } from './common';
import { HistoryResolution } from './history';
import { PointKind } from './points';

/** The stored series of a point: raw samples, 1-minute and 1-hour rollups. */
export const StorageSeries = HistoryResolution;
export type StorageSeries = z.infer<typeof StorageSeries>;
export const storageSeries = StorageSeries.options;

const Days = z.number().int().min(1).max(36_500);

/** Days each series of a point kind is kept. */
export const SeriesRetention = z.object({ raw: Days, '1m': Days, '1h': Days }).strict();
export type SeriesRetention = z.infer<typeof SeriesRetention>;

/**
 * Defaults: sensors move all the time, so their raw samples go after a month; setpoints, commands
 * and status change rarely, so a year of their raw samples costs little. Hourly rollups stay ten years.
 */
export const defaultRetention = {
  sensor: { raw: 30, '1m': 365, '1h': 3650 },
  setpoint: { raw: 365, '1m': 365, '1h': 3650 },
  command: { raw: 365, '1m': 365, '1h': 3650 },
  status: { raw: 365, '1m': 365, '1h': 3650 },
} as const satisfies Record<z.infer<typeof PointKind>, SeriesRetention>;

export const RetentionSettings = z.object({
  sensor: SeriesRetention,
  setpoint: SeriesRetention,
  command: SeriesRetention,
  status: SeriesRetention,
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

const kindRetentionConfig = (d: SeriesRetention) =>
  z
    .object({ raw: Days.default(d.raw), '1m': Days.default(d['1m']), '1h': Days.default(d['1h']) })
    .strict()
    .prefault({});

/** The `storage.retention` block of the configuration file: any kind or series left out keeps its default. */
export const RetentionConfig = z
  .object({
    sensor: kindRetentionConfig(defaultRetention.sensor),
    setpoint: kindRetentionConfig(defaultRetention.setpoint),
    command: kindRetentionConfig(defaultRetention.command),
    status: kindRetentionConfig(defaultRetention.status),
  })
  .strict()
  .prefault({});

const SeriesCounts = z.object({ raw: z.number().int(), '1m': z.number().int(), '1h': z.number().int() });

export const StorageSortKey = z.enum(['bytes', 'rows', 'raw', '1m', '1h']);

export const StorageUsageInput = z
  .object({
    /** How many points and devices to list, the largest first. */
    top: z.number().int().min(1).max(1000).default(20),
    /** `bytes` (all series), `rows` (all series) or the rows of one series. */
    sortBy: StorageSortKey.default('bytes'),
  })
  .strict()
  .optional()
  .default({ top: 20, sortBy: 'bytes' });

export const PointUsage = z.object({
  id: Id,
  /** Null for a point no longer in the registry whose rows are still stored. */
  key: z.string().nullable(),
  name: z.string().nullable(),
  deviceId: Id.nullable(),
  deviceKey: z.string().nullable(),
  kind: PointKind.nullable(),
  rows: SeriesCounts,
  /** Estimated: the rows of each series times that table's measured bytes per row. */
  bytes: z.number().int(),
});

export const DeviceUsage = z.object({
  id: Id,
  key: z.string(),
  name: z.string(),
  points: z.number().int(),
  rows: SeriesCounts,
  bytes: z.number().int(),
});

export const SeriesUsage = z.object({
  series: StorageSeries,
  table: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
  bytesPerRow: z.number(),
});

export const StorageUsage = z.object({
  measuredAt: EpochMs,
  file: z.object({
    /** The database file itself. */
    dbBytes: z.number().int(),
    /** The write-ahead log beside it (shrinks at each truncating checkpoint). */
    walBytes: z.number().int(),
    pageSize: z.number().int(),
    pages: z.number().int(),
    /** Pages free inside the file: space a purge gives back to the disk. */
    freePages: z.number().int(),
    /** `incremental` gives space back after deletes; `none` (files made before it was set) needs one full VACUUM. */
    autoVacuum: z.enum(['none', 'full', 'incremental']),
  }),
  /**
   * `dbstat`: bytes per table measured page by page (cached for a few seconds); `estimate`: on a large
   * file, the used pages shared out by rows × bytes per row from the last measurement.
   */
  tableBytesMethod: z.enum(['dbstat', 'estimate']),
  tables: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
  series: z.array(SeriesUsage),
  samples: z.object({
    rows: z.number().int(),
    oldest: EpochMs.nullable(),
    newest: EpochMs.nullable(),
    /** Bytes of the raw samples table per raw sample. */
    bytesPerSample: z.number(),
    /** Bytes of the raw table and both rollups, per raw sample. */
    bytesPerSampleAllSeries: z.number(),
  }),
  /** False while the row counters are being rebuilt after an unclean shutdown. */
  countsExact: z.boolean(),
  pointsWithData: z.number().int(),
  topPoints: z.array(PointUsage),
  topDevices: z.array(DeviceUsage),
  retention: RetentionSettings,
  lastSweep: z
    .object({ at: EpochMs, durationMs: z.number().int(), deletedRows: SeriesCounts })
    .nullable(),
});
export type StorageUsage = z.infer<typeof StorageUsage>;

export const StoragePurgeInput = z
  .object({
    /** Deleting history cannot be undone: the call is refused without it. */
    confirm: z.literal(true, { error: 'confirm must be true: purging deletes history for good' }),
    /** Only rows older than this time (all ages when left out). */
    olderThan: EpochMs.optional(),
    /** Each filter given narrows the selection: a point must match all of them. */
    points: z.array(Id).min(1).max(100_000).optional(),
    devices: z.array(Id).min(1).max(100_000).optional(),
    kinds: z.array(PointKind).min(1).optional(),
    /** Which series to delete from (all three when left out). */
    series: z.array(StorageSeries).min(1).optional(),
  })
  .strict();

export const StoragePurgeOutput = z.object({
  deletedRows: SeriesCounts,
  /** Points that had rows deleted. */
  points: z.number().int(),
  /** Database file plus write-ahead log, before and after. */
  bytesBefore: z.number().int(),
  bytesAfter: z.number().int(),
  durationMs: z.number().int(),
  /** How the space was given back: `incremental` vacuum, or a one-time `full` VACUUM of an older file. */
  vacuum: z.enum(['incremental', 'full', 'none']),
  warning: z.string().nullable(),
});
export type StoragePurgeOutput = z.infer<typeof StoragePurgeOutput>;

export const StorageChanged = z.object({ reason: z.enum(['growth', 'sweep', 'purge', 'recount']) });
