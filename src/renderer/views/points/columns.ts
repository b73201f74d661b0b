import type { TableColumn } from '../../components/SortHeader';
import type { SortKey } from './points-model';

export type ColumnId = 'point' | 'value' | 'unit' | 'quality' | 'age' | 'device' | 'space';

export type Column = TableColumn<ColumnId, SortKey>;

/* Widths are fixed in points.css (.col-<id>), so columns stay still while rows come and go as the table scrolls. */

export const allColumns: readonly Column[] = [
  { id: 'point', label: 'Point', sort: 'point' },
  { id: 'value', label: 'Value', sort: 'value' },
  { id: 'unit', label: 'Unit', sort: null },
  { id: 'quality', label: 'Quality', sort: 'quality' },
  { id: 'age', label: 'Updated', sort: 'age' },
  { id: 'device', label: 'Device', sort: 'device' },
  { id: 'space', label: 'Space', sort: 'space' },
];

/** With the detail open the columns it repeats give way, and on a laptop the age too. */
export function visibleColumns(detailOpen: boolean, narrow: boolean): readonly Column[] {
  if (!detailOpen) return allColumns;
  return allColumns.filter((c) => c.id !== 'device' && c.id !== 'space' && !(narrow && c.id === 'age'));
}
