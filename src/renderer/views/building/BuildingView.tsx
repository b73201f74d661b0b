import './building.css';
import { useCallback, useMemo } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { navigate } from '../../shell/navigation';
import { useHealth, usePoints } from '../../state/site-data';
import { showPointsOf } from '../points/show-points-of';
import { buildingModel, CO2_LIMITS, COMFORT_BAND } from './building-model';
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

/** Storeys and rooms, live, from the points' spaces and tags. */
export function BuildingView() {
  const { points, error } = usePoints();
  const { health } = useHealth();
  const model = useMemo(() => (points ? buildingModel(points) : null), [points]);
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
        Live room overview built from the points’ spaces and tags. The 3D view of the building comes later.
      </p>
      {error && !model ? (
        <p className="form-error">The points could not be read: {error}</p>
      ) : !model ? (
        <p className="muted empty">Reading the points…</p>
      ) : model.storeys.length === 0 ? (
        <p className="muted empty" data-testid="building-empty">
          No rooms yet: no point carries a space with temperature, CO₂ or occupancy readings.
        </p>
      ) : (
        <div className="storeys">
          {model.storeys.map((s) => (
            <section key={s.id} className="storey" aria-label={`Storey ${s.label}`} data-testid="storey">
              <h2 className="storey-title">
                {s.label} <span className="muted">· {s.rooms.length} rooms</span>
              </h2>
              <div className="room-grid">
                {s.rooms.map((r) => (
                  <RoomTile key={r.spaceId} room={r} onOpen={open} />
                ))}
              </div>
            </section>
          ))}
          {(model.otherSpaces > 0 || model.unplaced > 0) && (
            <p className="muted">
              {model.otherSpaces > 0 && `${model.otherSpaces} spaces without room readings (plant, roof…)`}
              {model.otherSpaces > 0 && model.unplaced > 0 && ' and '}
              {model.unplaced > 0 && `${model.unplaced} points without a space`} are on the Points screen.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
