import type { z } from 'zod';
import type { PointKind } from '../../shared/contract/schemas/points';
import { storageSeries, type StoragePurgeInput, type StoragePurgeOutput } from '../../shared/contract/schemas/storage';
import type { Db } from '../db/database';
import { autoVacuumMode, checkpoint, reclaimSpace, vacuumFully } from '../db/reclaim-space';
import type { DeleteStep, RowDeleter } from '../db/row-deleter';
import type { SeriesIndex, StorageRows } from '../db/storage-rows';
import { fileSizes } from './storage-usage';

type Kind = z.infer<typeof PointKind>;
export type PurgeRequest = z.output<typeof StoragePurgeInput>;

export interface PurgeDeps {
  db: Db;
  file: string;
  rows: StorageRows;
  deleter: RowDeleter;
  pointInfo(id: number): { kind: Kind; deviceId: number } | undefined;
}

/** The deletions a purge asks for: each filter given narrows the points; all series unless named. */
function* purgeSteps(deps: PurgeDeps, q: PurgeRequest): Generator<DeleteStep> {
  const points = q.points ? new Set(q.points) : null;
  const devices = q.devices ? new Set(q.devices) : null;
  const kinds = q.kinds ? new Set(q.kinds) : null;
  const series = (q.series ?? storageSeries).map((s) => storageSeries.indexOf(s) as SeriesIndex);
  const selected: number[] = [];
  for (const id of deps.rows.pointIds()) {
    if (points && !points.has(id)) continue;
    if (devices || kinds) {
      const info = deps.pointInfo(id);
      if (!info || (devices && !devices.has(info.deviceId)) || (kinds && !kinds.has(info.kind))) continue;
    }
    selected.push(id);
  }
  for (const s of series) {
    for (const pointId of selected) if (deps.rows.rowsOf(s, pointId) > 0) yield { pointId, series: s, before: q.olderThan ?? null };
  }
}

const total = (bytes: { db: number; wal: number }) => bytes.db + bytes.wal;

/**
 * Deletes the selected history in small transactions, then gives the space back to the disk and
 * measures the file before and after. A file made before auto-vacuum was on is rebuilt once by a
 * full VACUUM, which holds the database (and so ingest) for as long as copying it takes.
 */
export async function purgeHistory(deps: PurgeDeps, q: PurgeRequest): Promise<StoragePurgeOutput> {
  return deps.deleter.exclusive(async () => {
    const started = performance.now();
    const bytesBefore = total(fileSizes(deps.file));
    const result = await deps.deleter.delete(purgeSteps(deps, q));
    const deletedRows = { raw: result.deleted[0], '1m': result.deleted[1], '1h': result.deleted[2] };
    if (!result.complete) throw new Error('the core is stopping; the purge was cut short after deleting some rows');
    let vacuum: StoragePurgeOutput['vacuum'] = 'none';
    let warning: string | null = null;
    const mode = autoVacuumMode(deps.db);
    const freePages = deps.db.pragma('freelist_count', { simple: true }) as number;
    if (mode === 'incremental') {
      if (freePages > 0) vacuum = 'incremental';
      await reclaimSpace(deps.db, () => deps.deleter.stopped);
    } else if (mode === 'none' && freePages > 0) {
      const t = performance.now();
      vacuumFully(deps.db);
      vacuum = 'full';
      warning =
        `This database file was made before auto-vacuum was switched on, so it was rebuilt once by a full VACUUM ` +
        `(${((performance.now() - t) / 1000).toFixed(1)} s, during which ingest waited). From now on deletes give space back in small steps.`;
    } else {
      checkpoint(deps.db);
    }
    return {
      deletedRows,
      points: result.points,
      bytesBefore,
      bytesAfter: total(fileSizes(deps.file)),
      durationMs: Math.round(performance.now() - started),
      vacuum,
      warning,
    };
  });
}
