import type { DeviceSortKey } from './devices-model';

export interface DeviceColumn {
  id: DeviceSortKey;
  label: string;
}

/* Widths are fixed in devices.css (.dcol-<id>), so columns stay still as the table scrolls. */
export const deviceColumns: readonly DeviceColumn[] = [
  { id: 'device', label: 'Device' },
  { id: 'state', label: 'State' },
  { id: 'lastSeen', label: 'Last seen' },
  { id: 'rate', label: 'Rate' },
  { id: 'quality', label: 'Quality' },
  { id: 'battery', label: 'Battery' },
  { id: 'signal', label: 'Signal' },
  { id: 'points', label: 'Points' },
  { id: 'profile', label: 'Profile' },
  { id: 'space', label: 'Space' },
];

const besideDetail: ReadonlySet<DeviceSortKey> = new Set(['device', 'state', 'lastSeen', 'quality']);
const besideDetailOnLaptop: ReadonlySet<DeviceSortKey> = new Set(['device', 'state', 'quality']);
const onLaptop: ReadonlySet<DeviceSortKey> = new Set(['profile', 'space']);

/** With the detail open, the columns it repeats give way; on a laptop, more of them. */
export function visibleDeviceColumns(detailOpen: boolean, narrow: boolean): readonly DeviceColumn[] {
  if (detailOpen) return deviceColumns.filter((c) => (narrow ? besideDetailOnLaptop : besideDetail).has(c.id));
  return narrow ? deviceColumns.filter((c) => !onLaptop.has(c.id)) : deviceColumns;
}
