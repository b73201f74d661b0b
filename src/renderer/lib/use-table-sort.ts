import { useState } from 'react';
import type { SortState } from './sort-state';
import { useSessionState } from './use-session-state';

export interface TableSort<K extends string> {
  sort: SortState<K>;
  /**
   * When the sort was last clicked. Columns of live figures are ordered as of this moment, not
   * continuously, so rows do not jump while read; clicking the header again orders them anew.
   */
  sortedAt: number;
  /** A header click: the same column turns its direction, another starts in its first direction. */
  clickSort: (key: K) => void;
}

/** The sort of a table, kept for the session like the screen's other view choices. */
export function useTableSort<K extends string>(
  storageKey: string,
  keys: readonly K[],
  initial: SortState<K>,
  /** Columns that start descending (the worst, the busiest first). */
  descFirst: ReadonlySet<K>,
): TableSort<K> {
  const isSort = (v: unknown): v is SortState<K> =>
    typeof v === 'object' && v !== null && 'key' in v && 'dir' in v && (keys as readonly unknown[]).includes(v.key) && (v.dir === 'asc' || v.dir === 'desc');
  const [sort, setSort] = useSessionState<SortState<K>>(storageKey, initial, isSort);
  const [sortedAt, setSortedAt] = useState(() => Date.now());
  const clickSort = (key: K): void => {
    setSort(sort.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: descFirst.has(key) ? 'desc' : 'asc' });
    setSortedAt(Date.now());
  };
  return { sort, sortedAt, clickSort };
}
