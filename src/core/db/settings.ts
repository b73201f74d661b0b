import type { z } from 'zod';
import type { Db } from './database';

/**
 * Site settings changed at run time, one JSON value per key. Each area owns its keys and gives the
 * schema they are read with: a stored value that no longer fits (an older release wrote it) reads as
 * the default instead of failing the area.
 */
export class SettingsTable {
  private readonly read;
  private readonly write;

  constructor(db: Db) {
    this.read = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.write = db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
  }

  get<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): z.output<S> {
    const raw = this.read.get(key) as string | undefined;
    if (raw === undefined) return fallback;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return fallback;
    }
    const result = schema.safeParse(parsed);
    return result.success ? result.data : fallback;
  }

  set(key: string, value: unknown, by: string, at = Date.now()): void {
    this.write.run(key, JSON.stringify(value), at, by);
  }
}
