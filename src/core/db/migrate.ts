import type Database from 'better-sqlite3';
import { migrations } from './migrations';

/**
 * Applies the numbered migrations not yet applied, each in its own transaction.
 * `user_version` holds the number of the last one applied.
 */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(`the database is at schema version ${current}, newer than this application (${latest}); upgrade the application`);
  }
  for (let v = current; v < latest; v++) {
    const step = migrations[v]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return latest;
}
