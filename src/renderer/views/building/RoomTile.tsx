import type { Point } from '../../../shared/contract/schemas/points';
import { qualityLevel } from '../../../shared/quality';
import { formatNumber, formatValue } from '../../lib/format';
import { useLiveValue } from '../../state/use-live-value';
import { co2Level, comfortOf, type Comfort, type RoomModel } from './building-model';

const NONE = -1;

const comfortWord: Record<Comfort, string> = { cold: 'cold', cool: 'cool', ok: 'in band', warm: 'warm', hot: 'hot' };

type ReadingKind = 'co2' | 'humidity' | 'occupancy' | 'setpoint';
/** Occupancy needs no label: "3 people" says it. */
const readingLabel: Record<ReadingKind, string> = { co2: 'CO₂', humidity: 'RH', occupancy: '', setpoint: 'SP' };
const readingTitle: Record<ReadingKind, string> = { co2: 'CO₂', humidity: 'relative humidity', occupancy: 'occupancy', setpoint: 'temperature setpoint' };

function toCelsius(value: number, unit: string | null): number {
  return unit === '°F' ? ((value - 32) * 5) / 9 : value;
}

/** One small reading of a tile, subscribed to its own point. */
function Reading({ point, kind }: { point: Point | null; kind: ReadingKind }) {
  const live = useLiveValue(point?.id ?? NONE);
  if (!point) return null;
  let text = '—';
  let unit = '';
  let tone = 'muted';
  if (live) {
    const level = qualityLevel(live.quality);
    text = formatValue(live.value);
    unit = typeof live.value === 'number' ? (point.unit ?? '') : '';
    // The label already says relative humidity; the setpoint sits beside a temperature in the same unit.
    if (kind === 'humidity' && unit === '%RH') unit = '%';
    if (kind === 'setpoint') unit = '';
    tone = level === 'good' ? 'plain' : level;
    if (kind === 'co2' && typeof live.value === 'number' && level === 'good') {
      const c = co2Level(live.value);
      tone = c === 'good' ? 'plain' : c;
    }
    if (kind === 'occupancy' && typeof live.value === 'boolean') text = live.value ? 'occupied' : 'vacant';
    if (kind === 'occupancy' && typeof live.value === 'number' && !point.unit) {
      text = formatNumber(live.value);
      unit = live.value === 1 ? 'person' : 'people';
    }
  }
  return (
    <span className={`reading r-${kind}`} data-testid={`room-${kind}`} title={`${readingTitle[kind]}: ${point.key}`}>
      {readingLabel[kind] && <span className="reading-label">{readingLabel[kind]}</span>}
      <span className={`reading-value tone-text-${tone}`}>{text}</span>
      {unit && <span className="reading-unit">{unit}</span>}
    </span>
  );
}

/** The tile's tooltip: the name with the id and what the model says of the room. */
function roomTitle(room: RoomModel): string {
  if (!room.known) return `${room.spaceId} (not in the building model)`;
  const facts = [room.spaceId, room.use, room.areaM2 !== null ? `${formatNumber(room.areaM2)} m²` : null].filter(Boolean);
  return `${room.label} (${facts.join(', ')})`;
}

/** A room at a glance: temperature against the comfort band, with CO₂, humidity, occupancy and setpoint. */
export function RoomTile({ room, onOpen }: { room: RoomModel; onOpen: (spaceId: string) => void }) {
  const temp = useLiveValue(room.temperature?.id ?? NONE);
  const tempC = temp && typeof temp.value === 'number' ? toCelsius(temp.value, room.temperature?.unit ?? null) : null;
  const level = temp ? qualityLevel(temp.quality) : null;
  const comfort = tempC === null || level === 'bad' ? null : comfortOf(tempC);
  const state = comfort ?? 'none';
  return (
    <button
      type="button"
      className={`room-tile comfort-${state}`}
      data-testid="room-tile"
      data-space-id={room.spaceId}
      data-comfort={state}
      onClick={() => onOpen(room.spaceId)}
      title={`${roomTitle(room)}: open its ${room.points} points`}
    >
      <span className={room.known ? 'room-name' : 'room-name room-id'} data-testid="room-name">
        {room.label}
      </span>
      <span className="room-temp-row">
        <span className="room-temp" data-testid="room-temperature">
          {temp && room.temperature ? (
            <>
              <span className="room-temp-value">{formatValue(temp.value)}</span>
              <span className="room-temp-unit">{room.temperature.unit}</span>
            </>
          ) : (
            <span className="muted">{room.temperature ? 'no value yet' : 'no temperature'}</span>
          )}
        </span>
        {/* Beside the temperature, so that the room's name has the tile's width. */}
        <span className="room-side">
          <span className={`room-comfort tone-text-${level && level !== 'good' ? level : 'plain'}`}>
            {level && level !== 'good' ? `quality ${level}` : comfort ? comfortWord[comfort] : ''}
          </span>
          <Reading point={room.setpoint} kind="setpoint" />
        </span>
      </span>
      <span className="room-readings">
        <Reading point={room.co2} kind="co2" />
        <Reading point={room.humidity} kind="humidity" />
        <Reading point={room.occupancy} kind="occupancy" />
      </span>
    </button>
  );
}
