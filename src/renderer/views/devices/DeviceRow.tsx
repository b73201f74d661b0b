import { memo } from 'react';
import { AgeCell } from '../../components/Age';
import { DataRow } from '../../components/DataRow';
import { SpaceCell } from '../../components/SpaceName';
import { StateDot } from '../../components/StateDot';
import { formatNumber } from '../../lib/format';
import type { SpaceIndex } from '../../state/space-names';
import type { DeviceColumn } from './columns';
import { goodShare, lowBattery, type DeviceItem } from './devices-model';

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
  spaces: SpaceIndex | null;
  rowIndex: number;
  selected: boolean;
  onSelect: (id: number) => void;
}

/** One device; rows are replaced when the list is read again. */
export const DeviceRow = memo(function DeviceRow({ device: d, columns, spaces, rowIndex, selected, onSelect }: Props) {
  const cell = (c: DeviceColumn) => {
    switch (c.id) {
      case 'device':
        return (
          <td key={c.id} className="dc-device">
            <span className="row-name">{d.name}</span>
            <span className="row-key">{d.key}</span>
          </td>
        );
      case 'state':
        return (
          <td key={c.id} className="dc-state" data-testid="device-state">
            <StateText device={d} />
          </td>
        );
      case 'lastSeen':
        return <AgeCell key={c.id} ts={d.lastSeen} never="never" className="dc-lastSeen" testId="device-last-seen" />;
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
        return <SpaceCell key={c.id} index={spaces} spaceId={d.spaceId} className="dc-space" />;
    }
  };
  return (
    <DataRow
      className="device-row"
      data-testid="devices-row"
      data-device-id={d.id}
      data-device-key={d.key}
      data-online={d.online}
      rowIndex={rowIndex}
      selected={selected}
      onSelect={() => onSelect(d.id)}
    >
      {columns.map(cell)}
    </DataRow>
  );
});
