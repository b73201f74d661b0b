import './devices.css';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatClock } from '../../lib/format';
import { useMediaQuery } from '../../lib/use-media-query';
import { useSessionState } from '../../lib/use-session-state';
import { navigate } from '../../shell/navigation';
import { visibleDeviceColumns } from './columns';
import { DeviceDetail } from './DeviceDetail';
import { DevicesTable } from './DevicesTable';
import {
  filterDevices,
  keepOrder,
  liveDeviceSortKeys,
  rankOf,
  sortDevices,
  type DeviceSortKey,
  type QualityFilter,
  type SortDir,
  type StateFilter,
} from './devices-model';
import { useDevices } from './use-devices';

interface Sort {
  key: DeviceSortKey;
  dir: SortDir;
}

const sortKeys: readonly DeviceSortKey[] = ['device', 'state', 'lastSeen', 'rate', 'quality', 'battery', 'signal', 'points', 'profile', 'space'];
const isSort = (v: unknown): v is Sort =>
  typeof v === 'object' && v !== null && sortKeys.includes((v as Sort).key) && ((v as Sort).dir === 'asc' || (v as Sort).dir === 'desc');
const isString = (v: unknown): v is string => typeof v === 'string';
const isState = (v: unknown): v is StateFilter => v === 'all' || v === 'online' || v === 'offline';
const isQuality = (v: unknown): v is QualityFilter => v === 'all' || v === 'good' || v === 'uncertain' || v === 'bad';

/** Columns that start descending: the worst, the busiest, the fullest first. */
const descFirst: ReadonlySet<DeviceSortKey> = new Set(['quality', 'rate', 'lastSeen', 'points']);

/** Every device with its health; a row opens its detail. The list is read again every few seconds. */
export function DevicesView({ selected }: { selected: string | null }) {
  const { devices, error } = useDevices();
  const [filter, setFilter] = useSessionState('arxos.devices.filter', '', isString);
  const [state, setState] = useSessionState<StateFilter>('arxos.devices.state', 'all', isState);
  const [quality, setQuality] = useSessionState<QualityFilter>('arxos.devices.quality', 'all', isQuality);
  const [sort, setSort] = useSessionState<Sort>('arxos.devices.sort', { key: 'device', dir: 'asc' }, isSort);
  // Live columns are ordered as of a moment; clicking the header again orders them anew.
  const [sortedAt, setSortedAt] = useState(() => Date.now());
  const deferredFilter = useDeferredValue(filter);

  const filtered = useMemo(() => filterDevices(devices ?? [], deferredFilter, state, quality), [devices, deferredFilter, state, quality]);
  const live = liveDeviceSortKeys.has(sort.key);
  // The order of a live column is taken once per click (sortedAt) from the devices as they were then,
  // not on every poll: `devices` is left out of the dependencies on purpose.
  const loaded = devices !== null;
  const ranks = useMemo(
    () => (live && devices ? rankOf(sortDevices(devices, sort.key, sort.dir)) : null),
    [live, sort, sortedAt, loaded],
  );
  const ordered = useMemo(() => (ranks ? keepOrder(filtered, ranks) : sortDevices(filtered, sort.key, sort.dir)), [filtered, ranks, sort]);

  const selectedId = selected === null ? null : Number(selected);
  const selectedDevice = devices?.find((d) => d.id === selectedId) ?? null;
  const narrow = useMediaQuery('(max-width: 1500px)');
  const columns = useMemo(() => visibleDeviceColumns(selectedDevice !== null, narrow), [selectedDevice, narrow]);
  const onSelect = useCallback((id: number) => navigate('devices', id), []);
  const onClose = useCallback(() => navigate('devices'), []);

  const clickSort = (key: DeviceSortKey): void => {
    setSort(sort.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: descFirst.has(key) ? 'desc' : 'asc' });
    setSortedAt(Date.now());
  };

  const online = devices?.filter((d) => d.online).length ?? 0;
  const count =
    devices === null
      ? ''
      : `${filtered.length === devices.length ? '' : `${filtered.length.toLocaleString('en-GB')} of `}${devices.length.toLocaleString('en-GB')} devices · ${online.toLocaleString('en-GB')} online`;

  return (
    <section className={selectedDevice ? 'screen devices with-detail' : 'screen devices'} aria-labelledby="screen-title" data-testid="screen-devices">
      <ScreenHeader title="Devices">
        <input
          type="search"
          className="filter"
          placeholder="Filter: name, key, space, profile…"
          aria-label="Filter devices"
          data-testid="devices-filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="inline-field">
          State
          <select value={state} onChange={(e) => setState(e.target.value as StateFilter)} data-testid="devices-state-filter">
            <option value="all">all</option>
            <option value="online">online</option>
            <option value="offline">offline</option>
          </select>
        </label>
        <label className="inline-field">
          Quality
          <select value={quality} onChange={(e) => setQuality(e.target.value as QualityFilter)} data-testid="devices-quality-filter">
            <option value="all">any</option>
            <option value="good">good</option>
            <option value="uncertain">uncertain</option>
            <option value="bad">bad</option>
          </select>
        </label>
        <span className="count" data-testid="devices-count">
          {count}
        </span>
      </ScreenHeader>

      {live && (
        <p className="sort-note">
          Ordered by {columns.find((c) => c.id === sort.key)?.label.toLowerCase() ?? sort.key} as of {formatClock(sortedAt)}: rows stay put
          while the figures change; click the column again to reorder.
        </p>
      )}

      <div className="devices-body">
        {error && devices === null ? (
          <p className="form-error">The devices could not be read: {error}</p>
        ) : devices === null ? (
          <p className="muted empty">Reading the devices…</p>
        ) : devices.length === 0 ? (
          <p className="muted empty" data-testid="devices-empty">
            No devices yet. Devices appear when a broker link delivers their first messages or births, or when one is registered from a profile.
          </p>
        ) : filtered.length === 0 ? (
          <p className="muted empty">No device matches these filters.</p>
        ) : (
          <DevicesTable devices={ordered} columns={columns} sort={sort} onSort={clickSort} selectedId={selectedId} onSelect={onSelect} />
        )}
        {selectedDevice && <DeviceDetail key={selectedDevice.id} device={selectedDevice} onClose={onClose} />}
      </div>
    </section>
  );
}
