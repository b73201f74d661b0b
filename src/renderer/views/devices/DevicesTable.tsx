import { useMemo, useRef } from 'react';
import { useVirtualWindow } from '../../lib/use-virtual-window';
import type { DeviceColumn } from './columns';
import { DeviceRow } from './DeviceRow';
import type { DeviceItem, DeviceSortKey, SortDir } from './devices-model';

/** Row height in rem; devices.css gives rows exactly this height. */
export const DEVICE_ROW_REM = 2.75;

interface Props {
  devices: readonly DeviceItem[];
  columns: readonly DeviceColumn[];
  sort: { key: DeviceSortKey; dir: SortDir };
  onSort: (key: DeviceSortKey) => void;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/** The devices as a table that renders only the rows in view, however many devices the site has. */
export function DevicesTable({ devices, columns, sort, onSort, selectedId, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useMemo(() => devices.map(() => DEVICE_ROW_REM), [devices]);
  const win = useVirtualWindow(scroller, heights);

  return (
    <div className="table-scroll" ref={scroller}>
      <table className="devices-table" aria-label="Devices" aria-rowcount={devices.length + 1} data-testid="devices-table">
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} className={`dcol-${c.id}`} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={`dc-${c.id}`}
                aria-sort={sort.key === c.id ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <button type="button" className="sort" onClick={() => onSort(c.id)} data-testid={`devices-sort-${c.id}`}>
                  {c.label}
                  <span className="sort-mark" aria-hidden="true">
                    {sort.key === c.id ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {win.padTop > 0 && (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: win.padTop }} />
            </tr>
          )}
          {devices.slice(win.start, win.end).map((d, i) => (
            <DeviceRow key={d.id} device={d} columns={columns} rowIndex={win.start + i + 2} selected={d.id === selectedId} onSelect={onSelect} />
          ))}
          {win.padBottom > 0 && (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: win.padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
