import { useMemo } from 'react';
import type { Point } from '../../../shared/contract/schemas/points';
import { ROW_REM, VirtualTable } from '../../components/VirtualTable';
import type { SortState } from '../../lib/sort-state';
import type { SpaceIndex } from '../../state/space-names';
import type { Column } from './columns';
import { PointRow } from './PointRow';
import type { GroupBy, PointGroup, SortKey } from './points-model';

/** Height of a group's heading row in rem; points.css gives `.group-row` exactly this height. */
export const GROUP_REM = 2.25;

type Item = { kind: 'group'; group: PointGroup } | { kind: 'point'; point: Point };

interface Props {
  groups: readonly PointGroup[];
  groupBy: GroupBy;
  columns: readonly Column[];
  spaces: SpaceIndex | null;
  sort: SortState<SortKey>;
  onSort: (key: SortKey) => void;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

const heightRem = (item: Item): number => (item.kind === 'group' ? GROUP_REM : ROW_REM);
const sortTestId = (key: SortKey): string => `sort-${key}`;

/** A group's heading: a room by its name with its id beside it; a device, or a space the model does not know, by its key. */
function GroupHeading({ group }: { group: PointGroup }) {
  // The group of points without a space has no key, only its label.
  const named = group.key === '' || group.label !== group.key;
  return (
    <>
      <span className={named ? undefined : 'mono'}>{group.label}</span> <span className="muted">· {group.points.length}</span>
      {named && group.key !== '' && <span className="group-key mono">{group.key}</span>}
    </>
  );
}

/** The points, under a heading row per group when grouped, as a virtual table. */
export function PointsTable({ groups, groupBy, columns, spaces, sort, onSort, selectedId, onSelect }: Props) {
  const items = useMemo(() => {
    const out: Item[] = [];
    for (const g of groups) {
      if (groupBy !== 'none') out.push({ kind: 'group', group: g });
      for (const p of g.points) out.push({ kind: 'point', point: p });
    }
    return out;
  }, [groups, groupBy]);

  const row = (item: Item, rowIndex: number) =>
    item.kind === 'group' ? (
      <tr key={`g:${item.group.key}`} className="group-row" aria-rowindex={rowIndex} data-testid="points-group-row">
        <th scope="colgroup" colSpan={columns.length}>
          <GroupHeading group={item.group} />
        </th>
      </tr>
    ) : (
      <PointRow key={item.point.id} point={item.point} columns={columns} spaces={spaces} rowIndex={rowIndex} selected={item.point.id === selectedId} onSelect={onSelect} />
    );

  return (
    <VirtualTable
      name="points"
      classPrefix=""
      columns={columns}
      sort={sort}
      onSort={onSort}
      sortTestId={sortTestId}
      items={items}
      heightRem={heightRem}
      row={row}
    />
  );
}
