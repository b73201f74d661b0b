import './data-table.css';
import { useMemo, useRef, type ReactNode } from 'react';
import { useVirtualWindow } from '../lib/use-virtual-window';
import type { SortState } from '../lib/sort-state';
import { SortHeader, type TableColumn } from './SortHeader';

/** Height of a data row in rem; data-table.css gives `.data-row` exactly this height. */
export const ROW_REM = 2.75;

interface Props<Item, K extends string> {
  /** What the rows are, in the table's class, test id and accessible name: "points" → `points-table`, "Points". */
  name: string;
  columns: readonly TableColumn<string, K>[];
  /**
   * Put before `col-<id>` on each column and `c-<id>` on each header cell: the screen's CSS
   * fixes the column widths, so columns stay still while rows come and go as the table scrolls.
   */
  classPrefix: string;
  sort: SortState<K>;
  onSort: (key: K) => void;
  sortTestId: (key: K) => string;
  items: readonly Item[];
  /** The height of an item's row in rem, exactly as the CSS draws it: the scroll window counts on it. */
  heightRem: (item: Item) => number;
  /** An item's row, with its key; `rowIndex` is its position in the whole table (the header is row 1). */
  row: (item: Item, rowIndex: number) => ReactNode;
}

/** Stands in for the rows above or below the window, so the scrollbar keeps the whole table's length. */
function Spacer({ height, span }: { height: number; span: number }) {
  return (
    <tr className="spacer" aria-hidden="true">
      <td colSpan={span} style={{ height }} />
    </tr>
  );
}

/**
 * A sortable table that renders only the rows in view: a thousand rows updating many times
 * a second then cost the same as forty.
 */
export function VirtualTable<Item, K extends string>(props: Props<Item, K>) {
  const { items, heightRem, columns } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useMemo(() => items.map((item) => heightRem(item)), [items, heightRem]);
  const win = useVirtualWindow(scroller, heights);

  return (
    <div className="table-scroll" ref={scroller}>
      <table
        className={`data-table ${props.name}-table`}
        aria-label={props.name.charAt(0).toUpperCase() + props.name.slice(1)}
        aria-rowcount={items.length + 1}
        data-testid={`${props.name}-table`}
      >
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} className={`${props.classPrefix}col-${c.id}`} />
          ))}
        </colgroup>
        <SortHeader columns={columns} classPrefix={props.classPrefix} sort={props.sort} onSort={props.onSort} sortTestId={props.sortTestId} />
        <tbody>
          {win.padTop > 0 && <Spacer height={win.padTop} span={columns.length} />}
          {items.slice(win.start, win.end).map((item, i) => props.row(item, win.start + i + 2))}
          {win.padBottom > 0 && <Spacer height={win.padBottom} span={columns.length} />}
        </tbody>
      </table>
    </div>
  );
}
