import { useEffect, useState } from 'react';

/**
 * State that survives leaving a screen and reloading the tab (sessionStorage), for view
 * choices like filter, sort and grouping. Values that no longer validate are dropped.
 */
export function useSessionState<T>(key: string, initial: T, valid: (v: unknown) => v is T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = window.sessionStorage.getItem(key);
      const parsed: unknown = raw === null ? undefined : JSON.parse(raw);
      return valid(parsed) ? parsed : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      window.sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage may be disabled; the choice then lasts until the screen is left.
    }
  }, [key, value]);
  return [value, setValue];
}
