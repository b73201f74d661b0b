import './building.css';
import { useCallback, useMemo } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { navigate } from '../../navigation/navigation';
import { useHealth, usePoints, useSpaces } from '../../state/site-data';
import { showPointsOf } from '../points/show-points-of';
import { buildingModel, CO2_LIMITS, COMFORT_BAND, type BuildingModel } from './building-model';
import { RoomTile } from './RoomTile';

function Legend() {
  return (
    <ul className="legend" aria-label="Tile colours">
      <li>
        <span className="swatch comfort-cold" aria-hidden="true" /> below {COMFORT_BAND.low - 2} °C
      </li>
      <li>
        <span className="swatch comfort-cool" aria-hidden="true" /> below {COMFORT_BAND.low} °C
      </li>
      <li>
        <span className="swatch comfort-ok" aria-hidden="true" /> comfort band {COMFORT_BAND.low}–{COMFORT_BAND.high} °C
      </li>
      <li>
        <span className="swatch comfort-warm" aria-hidden="true" /> above {COMFORT_BAND.high} °C
      </li>
      <li>
        <span className="swatch comfort-hot" aria-hidden="true" /> above {COMFORT_BAND.high + 2} °C
      </li>
      <li>
        CO₂ <span className="tone-text-uncertain">above {CO2_LIMITS.high}</span> / <span className="tone-text-bad">above {CO2_LIMITS.bad} ppm</span>
      </li>
    </ul>
  );
}

/** "+7.6 m" above the building's reference level. */
function elevationText(m: number): string {
  return `${m > 0 ? '+' : m < 0 ? '−' : '±'}${Math.abs(m).toLocaleString('en-GB', { maximumFractionDigits: 2 })} m`;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What the tiles leave out, so that nothing is hidden without a word. */
function LeftOut({ model }: { model: BuildingModel }) {
  const parts = [
    model.otherSpaces > 0 && `${count(model.otherSpaces, 'space')} without room readings (plant, roof…)`,
    model.unplaced > 0 && `${count(model.unplaced, 'point')} without a space`,
  ].filter(Boolean);
  if (parts.length === 0 && model.emptySpaces === 0) return null;
  return (
    <p className="muted" data-testid="building-left-out">
      {parts.length > 0 && `${parts.join(' and ')}: on the Points screen.`}
      {parts.length > 0 && model.emptySpaces > 0 && ' '}
      {model.emptySpaces > 0 && `${count(model.emptySpaces, 'space')} of the building model without points yet.`}
    </p>
  );
}

/** Storeys and rooms, live: names from the building model, readings from the points' tags. */
export function BuildingView() {
  const { points, error } = usePoints();
  const { health } = useHealth();
  const spaces = useSpaces();
  // Room names and storeys follow once the model is read; until then (or if it cannot be) spaces show by id.
  const waitingForNames = spaces.index === null && spaces.error === null;
  const model = useMemo(() => (points && !waitingForNames ? buildingModel(points, spaces.index) : null), [points, spaces.index, waitingForNames]);
  const open = useCallback((spaceId: string) => {
    showPointsOf(spaceId);
    navigate('points');
  }, []);

  return (
    <section className="screen building" aria-labelledby="screen-title" data-testid="screen-building">
      <ScreenHeader title={health ? `Building · ${health.site}` : 'Building'}>
        <Legend />
      </ScreenHeader>
      <p className="notice" data-testid="building-3d-note">
        Live room overview: storeys and rooms from the building model, readings from the points’ tags. The 3D view of the building comes later.
      </p>
      {spaces.error && spaces.index === null && (
        <p className="form-error" data-testid="building-spaces-error">
          The building model could not be read ({spaces.error}): rooms are shown by their ids.
        </p>
      )}
      {error && !model ? (
        <p className="form-error">The points could not be read: {error}</p>
      ) : !model ? (
        <p className="muted empty">Reading the building…</p>
      ) : model.storeys.length === 0 ? (
        <p className="muted empty" data-testid="building-empty">
          No rooms yet: no point carries a space with temperature, CO₂ or occupancy readings.
        </p>
      ) : (
        <div className="storeys">
          {model.storeys.map((s) => (
            <section key={s.id} className="storey" aria-label={`Storey ${s.label}`} data-testid="storey" data-storey-id={s.id}>
              <h2 className="storey-title">
                <span data-testid="storey-name">{s.label}</span> <span className="muted">· {s.rooms.length} rooms</span>
                {s.elevationM !== null && <span className="storey-elevation">{elevationText(s.elevationM)}</span>}
              </h2>
              <div className="room-grid">
                {s.rooms.map((r) => (
                  <RoomTile key={r.spaceId} room={r} onOpen={open} />
                ))}
              </div>
            </section>
          ))}
          <LeftOut model={model} />
        </div>
      )}
    </section>
  );
}
