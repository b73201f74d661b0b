import type { TableColumn } from '../../components/SortHeader';
import type { DeviceSortKey } from './devices-model';

/** Every column of the devices table sorts by itself. */
export type DeviceColumn = TableColumn<DeviceSortKey, DeviceSortKey>;

const column = (id: DeviceSortKey, label: string): DeviceColumn => ({ id, label, sort: id });

/* Widths are fixed in devices.css (.dcol-<id>), so columns stay still as the table scrolls. */
export const deviceColumns: readonly DeviceColumn[] = [
  column('device', 'Device'),
  column('state', 'State'),
  column('lastSeen', 'Last seen'),
  column('rate', 'Rate'),
  column('quality', 'Quality'),
  column('battery', 'Battery'),
  column('signal', 'Signal'),
  column('points', 'Points'),
  column('profile', 'Profile'),
  column('space', 'Space'),
];

const besideDetail: ReadonlySet<DeviceSortKey> = new Set(['device', 'state', 'lastSeen', 'quality']);
const besideDetailOnLaptop: ReadonlySet<DeviceSortKey> = new Set(['device', 'state', 'quality']);
const onLaptop: ReadonlySet<DeviceSortKey> = new Set(['profile', 'space']);

/** With the detail open, the columns it repeats give way; on a laptop, more of them. */
export function visibleDeviceColumns(detailOpen: boolean, narrow: boolean): readonly DeviceColumn[] {
  if (detailOpen) return deviceColumns.filter((c) => (narrow ? besideDetailOnLaptop : besideDetail).has(c.id));
  return narrow ? deviceColumns.filter((c) => !onLaptop.has(c.id)) : deviceColumns;
}
