import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** better-sqlite3 binary built for another runtime's ABI (the Electron build). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens the site's SQLite file: WAL, one writer (this connection), migrations applied.
 * A file that is not a database, or is corrupt, fails here with the path in the message.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
    });
    // Must come before anything writes the file: on a new file it lets deletes give space back
    // (see reclaim-space.ts); on an older file it changes nothing until a full VACUUM.
    if (!options.readonly) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    // A burst can grow the WAL far past its usual size; cut it back after checkpoints instead of keeping it.
    db.pragma('journal_size_limit = 67108864');
    if (!options.readonly) migrate(db);
  } catch (err) {
    throw new Error(`cannot open the database ${file}: ${(err as Error).message}`, { cause: err });
  }
  return db;
}

/** Size on disk of the database with its write-ahead log. */
export function databaseSize(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += fs.statSync(file + suffix).size;
    } catch {
      // a missing WAL or shared-memory file takes no space
    }
  }
  return total;
}
