import { BrokerConfig } from '../../shared/contract/schemas/brokers';
import { describeIssues } from '../../shared/errors';
import type { Db } from './database';
import type { SecretBox } from './secret-box';

/** A broker link saved through the contract; `problem` says why it cannot run as stored. */
export interface SavedBroker {
  config: BrokerConfig;
  problem: string | null;
}

interface Row {
  id: string;
  settings: string;
  password: string | null;
}

/** The broker links saved in the site database, passwords sealed (see SecretBox). */
export class BrokerStore {
  private readonly selectAll;
  private readonly upsert;
  private readonly deleteOne;

  constructor(
    db: Db,
    private readonly secrets: SecretBox,
  ) {
    this.selectAll = db.prepare<[], Row>('SELECT id, settings, password FROM brokers ORDER BY created_at, id');
    this.upsert = db.prepare(
      `INSERT INTO brokers (id, settings, password, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, password = excluded.password, updated_at = excluded.updated_at`,
    );
    this.deleteOne = db.prepare('DELETE FROM brokers WHERE id = ?');
  }

  /**
   * Every saved link. A row whose settings no longer parse is left in the table untouched (nothing is lost)
   * and reported in `skipped`; a password that cannot be unsealed leaves the link without one, with a problem.
   */
  load(): { brokers: SavedBroker[]; skipped: string[] } {
    const brokers: SavedBroker[] = [];
    const skipped: string[] = [];
    for (const row of this.selectAll.all()) {
      let json: unknown;
      try {
        json = JSON.parse(row.settings);
      } catch {
        skipped.push(`saved broker ${row.id}: its settings are not valid JSON`);
        continue;
      }
      const parsed = BrokerConfig.safeParse(json);
      if (!parsed.success) {
        skipped.push(`saved broker ${row.id}: ${describeIssues(parsed.error.issues)}`);
        continue;
      }
      let problem: string | null = null;
      let config = parsed.data;
      if (row.password !== null) {
        try {
          config = { ...config, password: this.secrets.open(row.password) };
        } catch (err) {
          problem = `the saved password cannot be read (${(err as Error).message}); enter the password again`;
        }
      }
      brokers.push({ config, problem });
    }
    return { brokers, skipped };
  }

  save(config: BrokerConfig): void {
    const { password, ...settings } = config;
    const sealed = password === undefined ? null : this.secrets.seal(password);
    const now = Date.now();
    this.upsert.run(config.id, JSON.stringify(settings), sealed, now, now);
  }

  remove(id: string): boolean {
    return this.deleteOne.run(id).changes > 0;
  }
}
