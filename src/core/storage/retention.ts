import type { z } from 'zod';
import type { PointKind } from '../../shared/contract/schemas/points';
import { storageSeries, type RetentionSettings } from '../../shared/contract/schemas/storage';
import type { DeleteStep } from '../db/row-deleter';
import { H1, M1, RAW, type SeriesIndex, type StorageRows } from '../db/storage-rows';

type Kind = z.infer<typeof PointKind>;

const DAY_MS = 86_400_000;

/**
 * The deletions of one retention sweep: for each series, every point's rows older than its kind
 * keeps them. A point the registry no longer knows is kept as long as a sensor (the shortest).
 * Lazy, so points that appear while the sweep yields to ingest are included.
 */
export function* retentionSteps(
  rows: StorageRows,
  settings: RetentionSettings,
  kindOf: (pointId: number) => Kind | undefined,
  now: number,
): Generator<DeleteStep> {
  for (const series of [RAW, M1, H1] as SeriesIndex[]) {
    const name = storageSeries[series]!;
    for (const pointId of rows.pointIds()) {
      if (rows.rowsOf(series, pointId) === 0) continue;
      const before = now - settings[kindOf(pointId) ?? 'sensor'][name] * DAY_MS;
      // The oldest raw sample is known without a read: skip points with nothing that old.
      const oldest = series === RAW ? rows.oldest(pointId) : null;
      if (oldest !== null && oldest >= before) continue;
      yield { pointId, series, before };
    }
  }
}
