import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Point } from '../../shared/contract/schemas/points';
import type { Health } from '../../shared/contract/schemas/system';
import { errorText } from '../../shared/errors';
import { useClient, useEpoch } from '../api/connection-context';
import { useEvent } from '../api/use-event';
import { useQuery } from '../api/use-query';
import { spaceIndex, type SpaceIndex } from './space-names';
import { LatestStore } from './latest-store';
import { mergeById } from '../lib/merge-by-id';

export interface PointsState {
  points: Point[] | null;
  /** Points the core has; more than `points.length` when the list was capped. */
  total: number;
  error: string | null;
}

interface HealthState {
  health: Health | null;
  /** Client time of the last health report. */
  receivedAt: number;
  error: string | null;
}

/** Separate contexts: health arrives every second and must not re-render the points table. */
const PointsContext = createContext<PointsState>({ points: null, total: 0, error: null });
const HealthContext = createContext<HealthState>({ health: null, receivedAt: 0, error: null });
const LatestContext = createContext<LatestStore | null>(null);
const SpacesContext = createContext<SpacesState>({ index: null, error: null });

/** Points added join in key order; a redescribed point keeps its place. */
const byKey = (a: Point, b: Point): number => a.key.localeCompare(b.key);

export interface SpacesState {
  /** Null until the first answer. */
  index: SpaceIndex | null;
  error: string | null;
}

/**
 * Keeps the site's live data for every screen: the point list (kept current by `points.updated`),
 * the building model's spaces,
 * the latest values (fed by `points.changed`) and the core's health (fed by `system.status`).
 * Everything is fetched again after a reconnect, since events sent while away are lost.
 */
export function SiteDataProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const epoch = useEpoch();
  const [points, setPoints] = useState<PointsState>({ points: null, total: 0, error: null });
  const [health, setHealth] = useState<HealthState>({ health: null, receivedAt: 0, error: null });
  const latest = useMemo(() => new LatestStore(), []);
  // New points may name spaces the model does not know: read again when points are added or redescribed.
  const spacesQuery = useQuery('spaces.list', undefined, { refreshOn: ['points.updated'] });
  const spacesIndex = useMemo(() => (spacesQuery.data ? spaceIndex(spacesQuery.data) : null), [spacesQuery.data]);
  const spaces = useMemo(() => ({ index: spacesIndex, error: spacesQuery.error }), [spacesIndex, spacesQuery.error]);

  useEvent('system.status', (h) => setHealth({ health: h, receivedAt: Date.now(), error: null }));
  useEvent('points.changed', (p) => latest.apply(p.values));
  useEvent('points.updated', ({ points: updated }) =>
    setPoints((s) => {
      if (s.points === null) return s;
      const merged = mergeById(s.points, updated, byKey);
      return { ...s, points: merged, total: s.total + (merged.length - s.points.length) };
    }),
  );

  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    client
      .call('system.health')
      .then((h) => live && setHealth({ health: h, receivedAt: Date.now(), error: null }))
      .catch((err: unknown) => live && setHealth((s) => ({ ...s, error: errorText(err) })));
    client
      .call('points.list')
      .then((r) => live && setPoints({ points: r.points, total: r.total, error: null }))
      .catch((err: unknown) => live && setPoints((s) => ({ ...s, error: errorText(err) })));
    client
      .call('points.latest')
      .then((r) => live && latest.apply(r.values))
      .catch((err: unknown) => console.error(`arxos: points.latest failed: ${errorText(err)}`));
    return () => {
      live = false;
    };
  }, [client, epoch, latest]);

  return (
    <LatestContext.Provider value={latest}>
      <HealthContext.Provider value={health}>
        <PointsContext.Provider value={points}>
          <SpacesContext.Provider value={spaces}>{children}</SpacesContext.Provider>
        </PointsContext.Provider>
      </HealthContext.Provider>
    </LatestContext.Provider>
  );
}

export const usePoints = (): PointsState => useContext(PointsContext);
export const useHealth = (): HealthState => useContext(HealthContext);
/** The building model's storeys and spaces, for room names instead of space ids (`spaceLabel(index, id)`). */
export const useSpaces = (): SpacesState => useContext(SpacesContext);

export function useLatestStore(): LatestStore {
  const store = useContext(LatestContext);
  if (!store) throw new Error('useLatestStore outside a SiteDataProvider');
  return store;
}
