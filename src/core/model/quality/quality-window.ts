import type { QualitySummary } from '../../../shared/contract/schemas/devices';
import { qualityReasons, type QualityReason } from '../../../shared/quality';

/** The window is kept as a few slots; the oldest is dropped as a new one starts. */
const SLOTS = 4;
const SLOT_MS = 15 * 60_000;
export const QUALITY_WINDOW_S = (SLOTS * SLOT_MS) / 1000;

const reasonNames = Object.keys(qualityReasons) as QualityReason[];
/** Counter layout of a slot: good, uncertain, bad, then one counter per reason bit. */
const REASON_BITS = reasonNames.map((r) => Math.log2(qualityReasons[r].bit));
const BITS = Math.max(...REASON_BITS) + 1;
const FIELDS = 3 + BITS;
const BAD_MASK = reasonNames.reduce((m, r) => (qualityReasons[r].level === 'bad' ? m | qualityReasons[r].bit : m), 0);

/**
 * Counts of samples by quality level and reason over the last hour, per id (a point or a device),
 * in typed arrays: recording a sample is a few array writes, and memory grows with ids, never with samples.
 */
export class QualityWindow {
  private counts = new Uint32Array(0);
  /** Slot number (time / SLOT_MS) last written, per id; 0 before any. */
  private newest = new Float64Array(0);

  record(id: number, code: number, at: number): void {
    if (id >= this.newest.length) this.grow(id);
    const slot = Math.floor(at / SLOT_MS);
    const newest = this.newest[id]!;
    if (slot > newest) {
      // Clear the slots that the window moved past, at most all of them.
      const from = Math.max(newest + 1, slot - SLOTS + 1);
      for (let s = from; s <= slot; s++) this.counts.fill(0, this.offset(id, s), this.offset(id, s) + FIELDS);
      this.newest[id] = slot;
    } else if (slot <= newest - SLOTS) return; // older than the window: not counted
    const base = this.offset(id, slot);
    if (code === 0) {
      this.counts[base]!++;
      return;
    }
    this.counts[base + (code & BAD_MASK ? 2 : 1)]!++;
    for (let b = 0; b < BITS; b++) if (code & (1 << b)) this.counts[base + 3 + b]!++;
  }

  /** The counts of one id over the window that ends now. */
  summary(id: number, now: number): QualitySummary {
    const totals = new Float64Array(FIELDS);
    if (id < this.newest.length) {
      const newest = this.newest[id]!;
      const nowSlot = Math.floor(now / SLOT_MS);
      const first = Math.max(nowSlot - SLOTS + 1, newest - SLOTS + 1);
      const last = Math.min(nowSlot, newest);
      for (let s = first; s <= last; s++) {
        const base = this.offset(id, s);
        for (let f = 0; f < FIELDS; f++) totals[f]! += this.counts[base + f]!;
      }
    }
    const reasons = reasonNames
      .map((reason, i) => ({ reason, count: totals[3 + REASON_BITS[i]!]! }))
      .filter((r) => r.count > 0)
      .sort((a, b) => b.count - a.count);
    return { windowS: QUALITY_WINDOW_S, good: totals[0]!, uncertain: totals[1]!, bad: totals[2]!, reasons };
  }

  private offset(id: number, slot: number): number {
    return (id * SLOTS + (slot % SLOTS)) * FIELDS;
  }

  private grow(id: number): void {
    const size = Math.max(64, (id + 1) * 2);
    const counts = new Uint32Array(size * SLOTS * FIELDS);
    counts.set(this.counts);
    const newest = new Float64Array(size);
    newest.set(this.newest);
    this.counts = counts;
    this.newest = newest;
  }
}
