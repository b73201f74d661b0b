import type { Db } from './database';
import { yieldToIngest } from './row-deleter';

export type AutoVacuum = 'none' | 'full' | 'incremental';

/** Free pages moved to the end of the file and cut off per step (8 MB of 4 KB pages). */
const PAGES_PER_STEP = 2048;

export function autoVacuumMode(db: Db): AutoVacuum {
  const mode = db.pragma('auto_vacuum', { simple: true }) as number;
  return mode === 2 ? 'incremental' : mode === 1 ? 'full' : 'none';
}

/**
 * Gives the pages that deletes freed back to the disk. SQLite keeps freed pages inside the file;
 * with `auto_vacuum = INCREMENTAL` they are moved to its end and cut off in small steps (yielding
 * to ingest between them), then a truncating checkpoint copies the WAL into the file, shrinks it,
 * and empties the WAL. A file made without auto-vacuum can only be rebuilt by a full VACUUM.
 */
export async function reclaimSpace(db: Db, stopped: () => boolean): Promise<void> {
  if (autoVacuumMode(db) === 'incremental') {
    while ((db.pragma('freelist_count', { simple: true }) as number) > 0) {
      db.pragma(`incremental_vacuum(${PAGES_PER_STEP})`);
      await yieldToIngest();
      if (stopped()) return;
    }
  }
  checkpoint(db);
}

/**
 * Rebuilds the whole file with auto-vacuum switched on: the one way to shrink a file made without it.
 * It holds the database for as long as copying every page takes and needs room for a second copy.
 */
export function vacuumFully(db: Db): void {
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
  checkpoint(db);
}

/** Copies the WAL into the database file and truncates the WAL to zero bytes. */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
