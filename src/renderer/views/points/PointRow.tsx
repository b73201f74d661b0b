import { memo } from 'react';
import type { Point } from '../../../shared/contract/schemas/points';
import { AgeCell } from '../../components/Age';
import { DataRow } from '../../components/DataRow';
import { QualityBadge } from '../../components/QualityBadge';
import { SpaceCell } from '../../components/SpaceName';
import { formatValue, valueSize } from '../../lib/format';
import type { LiveValue } from '../../state/latest-store';
import type { SpaceIndex } from '../../state/space-names';
import { useLiveValue } from '../../state/use-live-value';
import type { Column, ColumnId } from './columns';
import { deviceLabel } from './points-model';

/** A change younger than this flashes when its row renders. */
const FLASH_MS = 900;

function ValueCell({ live }: { live: LiveValue | undefined }) {
  if (!live) return <td className="c-value muted" data-testid="point-value">—</td>;
  const flash = live.changes > 0 && Date.now() - live.changedAt < FLASH_MS;
  const text = formatValue(live.value);
  return (
    // Text values can be longer than the column: the hover text shows them whole.
    <td className="c-value" data-testid="point-value" title={typeof live.value === 'string' ? text : undefined}>
      {/* A new key per change remounts the span, which restarts the flash animation. */}
      <span key={live.changes} className={`v size-${valueSize(text)}${flash ? ' flash' : ''}`}>
        {text}
      </span>
    </td>
  );
}

interface Props {
  point: Point;
  columns: readonly Column[];
  spaces: SpaceIndex | null;
  /** Position in the whole table (1 is the header row), as only part of it is rendered. */
  rowIndex: number;
  selected: boolean;
  onSelect: (id: number) => void;
}

/** One point: subscribes to its own latest value, so only rows whose point changed re-render. */
export const PointRow = memo(function PointRow({ point, columns, spaces, rowIndex, selected, onSelect }: Props) {
  const live = useLiveValue(point.id);
  const cell = (id: ColumnId) => {
    switch (id) {
      case 'point':
        return (
          <td key={id} className="c-point">
            <span className="row-name">{point.name}</span>
            <span className="row-key">{point.key}</span>
          </td>
        );
      case 'value':
        return <ValueCell key={id} live={live} />;
      case 'unit':
        return (
          <td key={id} className="c-unit">
            {point.unit ?? ''}
          </td>
        );
      case 'quality':
        return (
          <td key={id} className="c-quality" data-testid="point-quality">
            <QualityBadge code={live?.quality} />
          </td>
        );
      case 'age':
        return <AgeCell key={id} ts={live?.ts ?? null} never="—" className="c-age" testId="point-age" />;
      case 'device':
        return (
          <td key={id} className="c-device" title={point.deviceKey}>
            {deviceLabel(point)}
          </td>
        );
      case 'space':
        return <SpaceCell key={id} index={spaces} spaceId={point.spaceId} className="c-space" />;
    }
  };
  return (
    <DataRow
      className="point-row"
      data-testid="points-row"
      data-point-id={point.id}
      data-point-key={point.key}
      rowIndex={rowIndex}
      selected={selected}
      onSelect={() => onSelect(point.id)}
    >
      {columns.map((c) => cell(c.id))}
    </DataRow>
  );
});
