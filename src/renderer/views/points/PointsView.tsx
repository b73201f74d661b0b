import './points.css';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatClock } from '../../lib/format';
import { useMediaQuery } from '../../lib/use-media-query';
import { useSessionState } from '../../lib/use-session-state';
import { navigate } from '../../shell/navigation';
import { useLatestStore, usePoints } from '../../state/site-data';
import { visibleColumns } from './columns';
import { PointDetail } from './PointDetail';
import { PointsTable } from './PointsTable';
import { pointsViewKeys } from './show-points-of';
import { groupPoints, filterPoints, liveSortKeys, sortPoints, type GroupBy, type SortDir, type SortKey } from './points-model';

interface Sort {
  key: SortKey;
  dir: SortDir;
}

const sortKeys: readonly SortKey[] = ['point', 'value', 'quality', 'age', 'device', 'space'];

const isSort = (v: unknown): v is Sort =>
  typeof v === 'object' && v !== null && sortKeys.includes((v as Sort).key) && ((v as Sort).dir === 'asc' || (v as Sort).dir === 'desc');
const isGroupBy = (v: unknown): v is GroupBy => v === 'none' || v === 'space' || v === 'device';
const isString = (v: unknown): v is string => typeof v === 'string';

/** Every point with its live value; a row click opens its detail and history. */
export function PointsView({ selected }: { selected: string | null }) {
  const { points, total, error } = usePoints();
  const store = useLatestStore();
  const [filter, setFilter] = useSessionState(pointsViewKeys.filter, '', isString);
  const [sort, setSort] = useSessionState<Sort>('arxos.points.sort', { key: 'point', dir: 'asc' }, isSort);
  const [groupBy, setGroupBy] = useSessionState<GroupBy>(pointsViewKeys.group, 'none', isGroupBy);
  // Live columns are ordered as of a moment; clicking the header again orders them anew.
  const [sortedAt, setSortedAt] = useState(() => Date.now());
  const deferredFilter = useDeferredValue(filter);

  const filtered = useMemo(() => filterPoints(points ?? [], deferredFilter), [points, deferredFilter]);
  const groups = useMemo(
    () => groupPoints(sortPoints(filtered, sort.key, sort.dir, (id) => store.get(id)), groupBy),
    // sortedAt re-reads the live values for a live column.
    [filtered, sort, groupBy, store, sortedAt],
  );

  const selectedId = selected === null ? null : Number(selected);
  const selectedPoint = points?.find((p) => p.id === selectedId) ?? null;
  const narrow = useMediaQuery('(max-width: 1500px)');
  const columns = useMemo(() => visibleColumns(selectedPoint !== null, narrow), [selectedPoint, narrow]);
  const onSelect = useCallback((id: number) => navigate('points', id), []);
  const onClose = useCallback(() => navigate('points'), []);

  const clickSort = (key: SortKey): void => {
    setSort(sort.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'quality' ? 'desc' : 'asc' });
    setSortedAt(Date.now());
  };

  const count =
    points === null
      ? ''
      : filtered.length === points.length
        ? `${points.length.toLocaleString('en-GB')} points`
        : `${filtered.length.toLocaleString('en-GB')} of ${points.length.toLocaleString('en-GB')} points`;

  return (
    <section className={selectedPoint ? 'screen points with-detail' : 'screen points'} aria-labelledby="screen-title" data-testid="screen-points">
      <ScreenHeader title="Points">
        <input
          type="search"
          className="filter"
          placeholder="Filter: name, key, device, space, tag…"
          aria-label="Filter points"
          data-testid="points-filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="inline-field">
          Group by
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)} data-testid="points-group">
            <option value="none">nothing</option>
            <option value="space">space</option>
            <option value="device">device</option>
          </select>
        </label>
        <span className="count" data-testid="points-count">
          {count}
        </span>
      </ScreenHeader>

      {liveSortKeys.has(sort.key) && (
        <p className="sort-note">
          Ordered by {sort.key} as of {formatClock(sortedAt)}: rows stay put while values
          change; click the column again to reorder.
        </p>
      )}
      {total > (points?.length ?? 0) && (
        <p className="notice tone-text-uncertain">
          Showing the first {points?.length.toLocaleString('en-GB')} of {total.toLocaleString('en-GB')} points.
        </p>
      )}

      <div className="points-body">
        {error && points === null ? (
          <p className="form-error">The points could not be read: {error}</p>
        ) : points === null ? (
          <p className="muted empty">Reading the points…</p>
        ) : points.length === 0 ? (
          <p className="muted empty" data-testid="points-empty">
            No points yet. Points appear when a broker link delivers messages that match one of its mappings.
          </p>
        ) : filtered.length === 0 ? (
          <p className="muted empty">No point matches “{filter}”.</p>
        ) : (
          <PointsTable
            groups={groups}
            groupBy={groupBy}
            columns={columns}
            sort={sort}
            onSort={clickSort}
            selectedId={selectedId}
            onSelect={onSelect}
          />
        )}
        {selectedPoint && <PointDetail key={selectedPoint.id} point={selectedPoint} onClose={onClose} />}
      </div>
    </section>
  );
}
