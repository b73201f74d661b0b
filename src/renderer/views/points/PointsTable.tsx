import { useMemo, useRef } from 'react';
import type { Point } from '../../../shared/contract/schemas/points';
import { useVirtualWindow } from '../../lib/use-virtual-window';
import type { Column } from './columns';
import { PointRow } from './PointRow';
import type { GroupBy, PointGroup, SortDir, SortKey } from './points-model';

/** Row heights in rem; the CSS gives rows exactly these heights. */
export const ROW_REM = 2.75;
export const GROUP_REM = 2.25;

type Item = { kind: 'group'; group: PointGroup } | { kind: 'point'; point: Point };

interface Props {
  groups: readonly PointGroup[];
  groupBy: GroupBy;
  columns: readonly Column[];
  sort: { key: SortKey; dir: SortDir };
  onSort: (key: SortKey) => void;
  selectedId: number | null;
  onSelect: (id: number) => void;
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
 * The points as a table that renders only the rows in view: a thousand points updating
 * many times a second then cost the same as forty.
 */
export function PointsTable({ groups, groupBy, columns, sort, onSort, selectedId, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const items = useMemo(() => {
    const out: Item[] = [];
    for (const g of groups) {
      if (groupBy !== 'none') out.push({ kind: 'group', group: g });
      for (const p of g.points) out.push({ kind: 'point', point: p });
    }
    return out;
  }, [groups, groupBy]);
  const heights = useMemo(() => items.map((i) => (i.kind === 'group' ? GROUP_REM : ROW_REM)), [items]);
  const win = useVirtualWindow(scroller, heights);

  return (
    <div className="table-scroll" ref={scroller}>
      <table className="points-table" aria-label="Points" aria-rowcount={items.length + 1} data-testid="points-table">
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} className={`col-${c.id}`} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={`c-${c.id}`}
                aria-sort={c.sort && sort.key === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sort ? (
                  <button type="button" className="sort" onClick={() => onSort(c.sort!)} data-testid={`sort-${c.sort}`}>
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sort.key === c.sort ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {win.padTop > 0 && <Spacer height={win.padTop} span={columns.length} />}
          {items.slice(win.start, win.end).map((item, i) =>
            item.kind === 'group' ? (
              <tr key={`g:${item.group.key}`} className="group-row" aria-rowindex={win.start + i + 2} data-testid="points-group-row">
                <th scope="colgroup" colSpan={columns.length}>
                  {item.group.label} <span className="muted">· {item.group.points.length}</span>
                </th>
              </tr>
            ) : (
              <PointRow
                key={item.point.id}
                point={item.point}
                columns={columns}
                rowIndex={win.start + i + 2}
                selected={item.point.id === selectedId}
                onSelect={onSelect}
              />
            ),
          )}
          {win.padBottom > 0 && <Spacer height={win.padBottom} span={columns.length} />}
        </tbody>
      </table>
    </div>
  );
}
