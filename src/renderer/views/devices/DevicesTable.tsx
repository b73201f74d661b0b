import { ROW_REM, VirtualTable } from '../../components/VirtualTable';
import type { SortState } from '../../lib/sort-state';
import type { SpaceIndex } from '../../state/space-names';
import type { DeviceColumn } from './columns';
import { DeviceRow } from './DeviceRow';
import type { DeviceItem, DeviceSortKey } from './devices-model';

interface Props {
  devices: readonly DeviceItem[];
  columns: readonly DeviceColumn[];
  spaces: SpaceIndex | null;
  sort: SortState<DeviceSortKey>;
  onSort: (key: DeviceSortKey) => void;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

const heightRem = (): number => ROW_REM;
const sortTestId = (key: DeviceSortKey): string => `devices-sort-${key}`;

/** The devices as a virtual table, however many devices the site has. */
export function DevicesTable({ devices, columns, spaces, sort, onSort, selectedId, onSelect }: Props) {
  const row = (d: DeviceItem, rowIndex: number) => (
    <DeviceRow key={d.id} device={d} columns={columns} spaces={spaces} rowIndex={rowIndex} selected={d.id === selectedId} onSelect={onSelect} />
  );
  return (
    <VirtualTable
      name="devices"
      classPrefix="d"
      columns={columns}
      sort={sort}
      onSort={onSort}
      sortTestId={sortTestId}
      items={devices}
      heightRem={heightRem}
      row={row}
    />
  );
}
