import { memo, type KeyboardEvent } from 'react';
import { StateDot } from '../../components/StateDot';
import { formatAge, formatDateTime, formatNumber } from '../../lib/format';
import { useClockDerived } from '../../state/clock';
import type { DeviceColumn } from './columns';
import { goodShare, lowBattery, type DeviceItem } from './devices-model';

function LastSeenCell({ ts }: { ts: number | null }) {
  const text = useClockDerived((now) => (ts === null ? 'never' : formatAge(now - ts)));
  return (
    <td className="dc-lastSeen" data-testid="device-last-seen" title={ts === null ? undefined : formatDateTime(ts)}>
      {text}
    </td>
  );
}

export function StateText({ device }: { device: DeviceItem }) {
  return (
    <span className="device-state" title={device.reasonText} data-online={device.online}>
      <StateDot tone={device.online ? 'good' : device.reason === 'never heard from' ? 'muted' : 'bad'} />
      <span className={device.online ? 'tone-text-good' : 'tone-text-plain'}>{device.online ? 'online' : 'offline'}</span>
    </span>
  );
}

/** The worst current quality as a badge, and the share of good samples over the last hour. */
export function QualityCell({ device }: { device: DeviceItem }) {
  const share = goodShare(device.quality);
  return (
    <>
      {device.qualityNow === null ? (
        <span className="muted">—</span>
      ) : (
        <span className="quality" data-level={device.qualityNow} title="The worst quality among the latest values of its points">
          <StateDot tone={device.qualityNow} />
          <span className={`tone-text-${device.qualityNow}`}>{device.qualityNow}</span>
        </span>
      )}
      {share !== null && <span className="q-share">{Math.floor(share * 100)} % good</span>}
    </>
  );
}

interface Props {
  device: DeviceItem;
  columns: readonly DeviceColumn[];
  rowIndex: number;
  selected: boolean;
  onSelect: (id: number) => void;
}

/** One device; rows are replaced when the list is read again. */
export const DeviceRow = memo(function DeviceRow({ device: d, columns, rowIndex, selected, onSelect }: Props) {
  const cell = (c: DeviceColumn) => {
    switch (c.id) {
      case 'device':
        return (
          <td key={c.id} className="dc-device">
            <span className="dv-name">{d.name}</span>
            <span className="dv-key">{d.key}</span>
          </td>
        );
      case 'state':
        return (
          <td key={c.id} className="dc-state" data-testid="device-state">
            <StateText device={d} />
          </td>
        );
      case 'lastSeen':
        return <LastSeenCell key={c.id} ts={d.lastSeen} />;
      case 'rate':
        return (
          <td key={c.id} className="dc-num" data-testid="device-rate">
            {formatNumber(d.ratePerMin)}
            <span className="unit">/min</span>
          </td>
        );
      case 'quality':
        return (
          <td key={c.id} className="dc-quality" data-testid="device-quality">
            <QualityCell device={d} />
          </td>
        );
      case 'battery':
        return (
          <td key={c.id} className={lowBattery(d) ? 'dc-num tone-text-uncertain' : 'dc-num'} data-testid="device-battery">
            {d.battery ? `${formatNumber(d.battery.value)}${d.battery.unit ? ` ${d.battery.unit}` : ''}` : '—'}
          </td>
        );
      case 'signal':
        return (
          <td key={c.id} className="dc-num" data-testid="device-signal">
            {d.signal ? `${formatNumber(d.signal.value)}${d.signal.unit ? ` ${d.signal.unit}` : ''}` : '—'}
          </td>
        );
      case 'points':
        return (
          <td key={c.id} className="dc-num">
            {d.pointCount}
          </td>
        );
      case 'profile':
        return (
          <td key={c.id} className="dc-profile">
            {d.profile ?? <span className="muted">none</span>}
          </td>
        );
      case 'space':
        return (
          <td key={c.id} className="dc-space">
            {d.spaceId ?? '—'}
          </td>
        );
    }
  };
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(d.id);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const rows = [...(e.currentTarget.closest('table')?.querySelectorAll<HTMLTableRowElement>('tr.device-row') ?? [])];
      rows[rows.indexOf(e.currentTarget) + (e.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  };
  return (
    <tr
      className={selected ? 'device-row selected' : 'device-row'}
      data-testid="devices-row"
      data-device-id={d.id}
      data-device-key={d.key}
      data-online={d.online}
      aria-rowindex={rowIndex}
      aria-current={selected ? 'true' : undefined}
      tabIndex={0}
      onClick={() => onSelect(d.id)}
      onKeyDown={onKey}
    >
      {columns.map(cell)}
    </tr>
  );
});
