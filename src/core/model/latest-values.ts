import type { LatestValue } from '../../shared/contract/schemas/points';
import type { LatestTable } from '../db/latest';
import type { ReadingValue } from '../iot/protocols/json/decoder';
import { every } from '../system/every';

/** Latest values are written to the database this often, so they survive a restart. */
const SAVE_MS = 2000;

/**
 * The latest value of every point, in memory. Tracks which points changed since the
 * last `points.changed` notification and which since the last save to the database.
 */
export class LatestValues {
  private readonly values = new Map<number, LatestValue>();
  private changed = new Set<number>();
  private dirty = new Set<number>();
  private stopSaving: (() => void) | null = null;

  /** `isBoolean` tells which stored 0/1 values are booleans. */
  constructor(
    private readonly table: LatestTable,
    isBoolean: (id: number) => boolean,
  ) {
    for (const r of table.all()) {
      const value = r.text ?? (r.value !== null && isBoolean(r.point_id) ? r.value !== 0 : r.value);
      if (value !== null) this.values.set(r.point_id, { id: r.point_id, ts: r.ts, value, quality: r.quality });
    }
  }

  get(id: number): LatestValue | undefined {
    return this.values.get(id);
  }

  all(): IterableIterator<LatestValue> {
    return this.values.values();
  }

  /** Keeps the newer of the stored and the given value; an older sample never replaces the latest. */
  update(id: number, ts: number, value: ReadingValue, quality: number): void {
    const cur = this.values.get(id);
    if (cur === undefined) this.values.set(id, { id, ts, value, quality });
    else if (ts >= cur.ts) {
      cur.ts = ts;
      cur.value = value;
      cur.quality = quality;
    } else return;
    this.changed.add(id);
    this.dirty.add(id);
  }

  /** The values changed since the last call, each once, as copies. */
  takeChanged(): LatestValue[] {
    if (this.changed.size === 0) return [];
    const ids = this.changed;
    this.changed = new Set();
    const out: LatestValue[] = [];
    for (const id of ids) {
      const v = this.values.get(id);
      if (v) out.push({ id: v.id, ts: v.ts, value: v.value, quality: v.quality });
    }
    return out;
  }

  /** Saves every SAVE_MS; while the database refuses writes the values stay pending (ingest.lastError says why). */
  start(): void {
    this.stopSaving = every(SAVE_MS, 'saving latest values', () => this.trySave());
  }

  /** Stops saving on the timer and saves what is pending. */
  stop(): void {
    this.stopSaving?.();
    this.stopSaving = null;
    this.trySave();
  }

  private trySave(): void {
    try {
      this.save();
    } catch {
      // kept and written with the next save
    }
  }

  /** Writes the values changed since the last save. */
  save(): void {
    if (this.dirty.size === 0) return;
    const ids = this.dirty;
    this.dirty = new Set();
    const rows = [];
    for (const id of ids) {
      const v = this.values.get(id);
      if (!v) continue;
      const numeric = typeof v.value === 'number' ? v.value : typeof v.value === 'boolean' ? Number(v.value) : null;
      rows.push({ point_id: id, ts: v.ts, value: numeric, text: typeof v.value === 'string' ? v.value : null, quality: v.quality });
    }
    try {
      this.table.write(rows);
    } catch (err) {
      // Still dirty: written with the next save, once the database takes writes again.
      for (const id of ids) this.dirty.add(id);
      throw err;
    }
  }
}
