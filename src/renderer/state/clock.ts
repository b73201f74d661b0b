import { useSyncExternalStore } from 'react';

/**
 * One shared once-a-second tick for every "3 s ago" on screen, instead of a timer per cell.
 * The timer runs only while something listens.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, refreshed every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/**
 * A value derived from the clock; the component re-renders only when the derived value
 * changes (e.g. the text "4 min ago"), not on every tick.
 */
export function useClockDerived<T>(derive: (now: number) => T): T {
  return useSyncExternalStore(subscribe, () => derive(now));
}
