import './devices.css';
import { useDeferredValue, useMemo } from 'react';
import { SelectField, type Choice } from '../../components/SelectField';
import { SortNote } from '../../components/SortNote';
import { TableScreen } from '../../components/TableScreen';
import { useMediaQuery } from '../../lib/use-media-query';
import { useRouteSelection } from '../../navigation/use-route-selection';
import { useSessionState } from '../../lib/use-session-state';
import { useTableSort } from '../../lib/use-table-sort';
import { useSpaces } from '../../state/site-data';
import { visibleDeviceColumns } from './columns';
import { DeviceDetail } from './DeviceDetail';
import { DevicesTable } from './DevicesTable';
import { filterDevices, keepOrder, liveDeviceSortKeys, rankOf, sortDevices, type DeviceSortKey, type QualityFilter, type StateFilter } from './devices-model';
import { useDevices } from './use-devices';
import { formatCount } from '../../lib/format';

const sortKeys: readonly DeviceSortKey[] = ['device', 'state', 'lastSeen', 'rate', 'quality', 'battery', 'signal', 'points', 'profile', 'space'];
/** Columns that start descending: the worst, the busiest, the fullest first. */
const descFirst: ReadonlySet<DeviceSortKey> = new Set(['quality', 'rate', 'lastSeen', 'points']);

const stateChoices: readonly Choice<StateFilter>[] = [
  { value: 'all', label: 'all' },
  { value: 'online', label: 'online' },
  { value: 'offline', label: 'offline' },
];
const qualityChoices: readonly Choice<QualityFilter>[] = [
  { value: 'all', label: 'any' },
  { value: 'good', label: 'good' },
  { value: 'uncertain', label: 'uncertain' },
  { value: 'bad', label: 'bad' },
];
const isString = (v: unknown): v is string => typeof v === 'string';
const isState = (v: unknown): v is StateFilter => stateChoices.some((c) => c.value === v);
const isQuality = (v: unknown): v is QualityFilter => qualityChoices.some((c) => c.value === v);

/** Every device with its health, kept current by the core's `devices.changed`; a row opens its detail. */
export function DevicesView({ selected }: { selected: string | null }) {
  const { devices, error } = useDevices();
  const [filter, setFilter] = useSessionState('arxos.devices.filter', '', isString);
  const [state, setState] = useSessionState<StateFilter>('arxos.devices.state', 'all', isState);
  const [quality, setQuality] = useSessionState<QualityFilter>('arxos.devices.quality', 'all', isQuality);
  const { sort, sortedAt, clickSort } = useTableSort<DeviceSortKey>('arxos.devices.sort', sortKeys, { key: 'device', dir: 'asc' }, descFirst);
  const deferredFilter = useDeferredValue(filter);
  // Room names follow once the building model is read; until then (or if it cannot be) spaces show by id.
  const spaces = useSpaces().index;

  const filtered = useMemo(
    () => filterDevices(devices ?? [], deferredFilter, state, quality, spaces),
    [devices, deferredFilter, state, quality, spaces],
  );
  const live = liveDeviceSortKeys.has(sort.key);
  // The order of a live column is taken once per click (sortedAt) from the devices as they were then,
  // not on every update: `devices` is left out of the dependencies on purpose.
  const loaded = devices !== null;
  const ranks = useMemo(
    () => (live && devices ? rankOf(sortDevices(devices, sort.key, sort.dir)) : null),
    [live, sort, sortedAt, loaded],
  );
  const ordered = useMemo(() => (ranks ? keepOrder(filtered, ranks) : sortDevices(filtered, sort.key, sort.dir)), [filtered, ranks, sort]);

  const { selectedId, selectedItem: selectedDevice, onSelect, onClose } = useRouteSelection('devices', devices, selected);
  const narrow = useMediaQuery('(max-width: 1500px)');
  const columns = useMemo(() => visibleDeviceColumns(selectedDevice !== null, narrow), [selectedDevice, narrow]);

  const online = devices?.filter((d) => d.online).length ?? 0;
  const count =
    devices === null
      ? ''
      : `${filtered.length === devices.length ? '' : `${formatCount(filtered.length)} of `}${formatCount(devices.length)} devices · ${formatCount(online)} online`;

  return (
    <TableScreen
      name="devices"
      title="Devices"
      filter={{ value: filter, onChange: setFilter, placeholder: 'Filter: name, key, room, profile…', label: 'Filter devices' }}
      tools={
        <>
          <SelectField label="State" value={state} choices={stateChoices} onChange={setState} testId="devices-state-filter" />
          <SelectField label="Quality" value={quality} choices={qualityChoices} onChange={setQuality} testId="devices-quality-filter" />
        </>
      }
      count={count}
      notes={live && <SortNote by={columns.find((c) => c.id === sort.key)?.label.toLowerCase() ?? sort.key} at={sortedAt} changing="the figures" />}
      list={{ loaded: devices?.length ?? null, shown: filtered.length, error }}
      emptyText="No devices yet. Devices appear when a broker link delivers their first messages or births, or when one is registered from a profile."
      noMatchText="No device matches these filters."
      table={<DevicesTable devices={ordered} columns={columns} spaces={spaces} sort={sort} onSort={clickSort} selectedId={selectedId} onSelect={onSelect} />}
      detail={selectedDevice && <DeviceDetail key={selectedDevice.id} device={selectedDevice} spaces={spaces} onClose={onClose} />}
    />
  );
}
