/** Timers closer than this would only add overhead. */
const MIN_SLOT_MS = 50;

export interface PublishSchedule {
  /** Time between two ticks. */
  slotMs: number;
  slotCount: number;
  /** The devices (by index) to publish at tick `tick`. */
  devicesAt(tick: number): number[];
}

/**
 * Spreads `deviceCount` devices over one publish interval, each published once per interval,
 * so the broker and the core see an even flow instead of a burst every interval.
 */
export function publishSchedule(deviceCount: number, intervalS: number): PublishSchedule {
  if (!(intervalS > 0) || !Number.isFinite(intervalS)) throw new RangeError(`publish interval must be a finite number of seconds > 0, not ${intervalS}`);
  const intervalMs = intervalS * 1000;
  const slotCount = Math.max(1, Math.min(deviceCount, Math.floor(intervalMs / MIN_SLOT_MS)));
  const slots: number[][] = Array.from({ length: slotCount }, () => []);
  for (let i = 0; i < deviceCount; i++) slots[i % slotCount]!.push(i);
  return { slotMs: intervalMs / slotCount, slotCount, devicesAt: (tick) => slots[tick % slotCount]! };
}
