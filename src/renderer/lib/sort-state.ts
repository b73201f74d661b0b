/** The sort of a table: the column's key and the direction. Free of React, so models tested in Node can use it. */
export type SortDir = 'asc' | 'desc';

export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}
