import { useCallback, useSyncExternalStore } from 'react';
import type { LiveValue } from './latest-store';
import { useLatestStore } from './site-data';

/** The latest value of one point; the caller re-renders only when that point changes. */
export function useLiveValue(id: number): LiveValue | undefined {
  const store = useLatestStore();
  const subscribe = useCallback((notify: () => void) => store.subscribe(id, notify), [store, id]);
  return useSyncExternalStore(subscribe, () => store.get(id));
}
