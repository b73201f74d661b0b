import type { LatestValue } from '../../shared/contract/schemas/points';

/** The latest value of one point as the UI holds it. Replaced (never mutated) on update. */
export interface LiveValue {
  value: LatestValue['value'];
  ts: number;
  quality: number;
  /** When the value last differed from the one before (client clock), for the change flash. */
  changedAt: number;
  /** How many times the value has differed; a new number restarts the flash. */
  changes: number;
}

/**
 * Latest values outside React state: a table row subscribes to its own point, so an update
 * re-renders the rows that changed and nothing else, however many points there are.
 */
export class LatestStore {
  private readonly values = new Map<number, LiveValue>();
  private readonly listeners = new Map<number, Set<() => void>>();

  get(id: number): LiveValue | undefined {
    return this.values.get(id);
  }

  apply(updates: readonly LatestValue[], now = Date.now()): void {
    const touched: number[] = [];
    for (const u of updates) {
      const prev = this.values.get(u.id);
      // A resync (points.latest) can arrive after fresher events: never go back in time.
      if (prev && u.ts < prev.ts) continue;
      if (prev && u.ts === prev.ts && u.value === prev.value && u.quality === prev.quality) continue;
      const changed = prev !== undefined && prev.value !== u.value;
      this.values.set(u.id, {
        value: u.value,
        ts: u.ts,
        quality: u.quality,
        changedAt: changed ? now : (prev?.changedAt ?? 0),
        changes: changed ? prev.changes + 1 : (prev?.changes ?? 0),
      });
      touched.push(u.id);
    }
    for (const id of touched) for (const l of this.listeners.get(id) ?? []) l();
  }

  subscribe(id: number, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }
}
