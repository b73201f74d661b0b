import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/core/db/database';
import { tempDir } from './temp-dir';

/** A fresh, migrated site file in a temp dir. */
export interface TempDatabase {
  dir: string;
  file: string;
  db: Db;
  /** Closes the database and removes the dir. */
  close(): void;
}

export function tempDatabase(): TempDatabase {
  const dir = tempDir();
  const file = path.join(dir, 'site.db');
  const db = openDatabase(file);
  return {
    dir,
    file,
    db,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
