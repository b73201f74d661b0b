import './points.css';
import { useDeferredValue, useMemo } from 'react';
import { SelectField, type Choice } from '../../components/SelectField';
import { SortNote } from '../../components/SortNote';
import { TableScreen } from '../../components/TableScreen';
import { useMediaQuery } from '../../lib/use-media-query';
import { useRouteSelection } from '../../navigation/use-route-selection';
import { useSessionState } from '../../lib/use-session-state';
import { useTableSort } from '../../lib/use-table-sort';
import { useLatestStore, usePoints, useSpaces } from '../../state/site-data';
import { visibleColumns } from './columns';
import { PointDetail } from './PointDetail';
import { PointsTable } from './PointsTable';
import { pointsViewKeys } from './show-points-of';
import { groupPoints, filterPoints, liveSortKeys, sortPoints, type GroupBy, type SortKey } from './points-model';
import { formatCount } from '../../lib/format';

const sortKeys: readonly SortKey[] = ['point', 'value', 'quality', 'age', 'device', 'space'];
/** The worst quality first; every other column starts ascending. */
const descFirst: ReadonlySet<SortKey> = new Set(['quality']);

const groupChoices: readonly Choice<GroupBy>[] = [
  { value: 'none', label: 'nothing' },
  { value: 'space', label: 'space' },
  { value: 'device', label: 'device' },
];
const isGroupBy = (v: unknown): v is GroupBy => groupChoices.some((c) => c.value === v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** Every point with its live value; a row click opens its detail and history. */
export function PointsView({ selected }: { selected: string | null }) {
  const { points, total, error } = usePoints();
  const store = useLatestStore();
  const [filter, setFilter] = useSessionState(pointsViewKeys.filter, '', isString);
  const { sort, sortedAt, clickSort } = useTableSort<SortKey>('arxos.points.sort', sortKeys, { key: 'point', dir: 'asc' }, descFirst);
  const [groupBy, setGroupBy] = useSessionState<GroupBy>(pointsViewKeys.group, 'none', isGroupBy);
  const deferredFilter = useDeferredValue(filter);
  // Room names follow once the building model is read; until then (or if it cannot be) spaces show by id.
  const spaces = useSpaces().index;

  const filtered = useMemo(() => filterPoints(points ?? [], deferredFilter, spaces), [points, deferredFilter, spaces]);
  const groups = useMemo(
    () => groupPoints(sortPoints(filtered, sort.key, sort.dir, (id) => store.get(id)), groupBy, spaces),
    // sortedAt re-reads the live values for a live column.
    [filtered, sort, groupBy, store, sortedAt, spaces],
  );

  const { selectedId, selectedItem: selectedPoint, onSelect, onClose } = useRouteSelection('points', points, selected);
  const narrow = useMediaQuery('(max-width: 1500px)');
  const columns = useMemo(() => visibleColumns(selectedPoint !== null, narrow), [selectedPoint, narrow]);

  const count =
    points === null
      ? ''
      : filtered.length === points.length
        ? `${formatCount(points.length)} points`
        : `${formatCount(filtered.length)} of ${formatCount(points.length)} points`;

  return (
    <TableScreen
      name="points"
      title="Points"
      filter={{ value: filter, onChange: setFilter, placeholder: 'Filter: name, key, device, room, tag…', label: 'Filter points' }}
      tools={<SelectField label="Group by" value={groupBy} choices={groupChoices} onChange={setGroupBy} testId="points-group" />}
      count={count}
      notes={
        <>
          {liveSortKeys.has(sort.key) && <SortNote by={sort.key} at={sortedAt} changing="values" />}
          {total > (points?.length ?? 0) && (
            <p className="notice tone-text-uncertain">
              Showing the first {formatCount(points?.length ?? 0)} of {formatCount(total)} points.
            </p>
          )}
        </>
      }
      list={{ loaded: points?.length ?? null, shown: filtered.length, error }}
      emptyText="No points yet. Points appear when a broker link delivers messages that match one of its mappings."
      noMatchText={`No point matches “${filter}”.`}
      table={
        <PointsTable groups={groups} groupBy={groupBy} columns={columns} spaces={spaces} sort={sort} onSort={clickSort} selectedId={selectedId} onSelect={onSelect} />
      }
      detail={selectedPoint && <PointDetail key={selectedPoint.id} point={selectedPoint} spaces={spaces} onClose={onClose} />}
    />
  );
}
