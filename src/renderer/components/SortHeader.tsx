import type { SortState } from '../lib/sort-state';

export interface TableColumn<Id extends string, K extends string> {
  id: Id;
  label: string;
  /** The sort its header sets, or null when it does not sort. */
  sort: K | null;
}

interface Props<K extends string> {
  columns: readonly TableColumn<string, K>[];
  /** Put before `c-<id>` on each header cell, as the screen's CSS names its columns. */
  classPrefix: string;
  sort: SortState<K>;
  onSort: (key: K) => void;
  sortTestId: (key: K) => string;
}

/** The header row of a data table: a button per sortable column, marked with the direction it sorts in. */
export function SortHeader<K extends string>({ columns, classPrefix, sort, onSort, sortTestId }: Props<K>) {
  return (
    <thead>
      <tr aria-rowindex={1}>
        {columns.map((c) => (
          <th
            key={c.id}
            scope="col"
            className={`${classPrefix}c-${c.id}`}
            aria-sort={c.sort && sort.key === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            {c.sort ? <SortButton label={c.label} sortKey={c.sort} sort={sort} onSort={onSort} testId={sortTestId(c.sort)} /> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

interface ButtonProps<K extends string> {
  label: string;
  sortKey: K;
  sort: SortState<K>;
  onSort: (key: K) => void;
  testId: string;
}

function SortButton<K extends string>({ label, sortKey, sort, onSort, testId }: ButtonProps<K>) {
  return (
    <button type="button" className="sort" onClick={() => onSort(sortKey)} data-testid={testId}>
      {label}
      <span className="sort-mark" aria-hidden="true">
        {sort.key === sortKey ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
      </span>
    </button>
  );
}
