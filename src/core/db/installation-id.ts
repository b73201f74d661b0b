import { randomBytes } from 'node:crypto';
import type { Db } from './database';

/**
 * A random id made once per site database and kept in its meta table. Broker client ids derive from it,
 * so they stay the same across restarts (the broker finds the session again) yet differ between two
 * installations that connect to one broker with the same link id.
 */
export function installationId(db: Db): string {
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('installation_id', ?)").run(randomBytes(4).toString('hex'));
  const row = db.prepare("SELECT value FROM meta WHERE key = 'installation_id'").get() as { value: string };
  return row.value;
}
