import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Point } from '../../shared/contract/schemas/points';
import type { Health } from '../../shared/contract/schemas/system';
import { useConnection, useWireState } from '../api/connection-context';
import { LatestStore } from './latest-store';

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
/** Increments each time the connection (re)opens, so views refetch what they missed. */
const EpochContext = createContext(0);

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Keeps the site's live data for every screen: the point list, the latest values (fed by
 * `points.changed`) and the core's health (fed by `system.status`). Everything is fetched
 * again after a reconnect, since events sent while away are lost.
 */
export function SiteDataProvider({ children }: { children: ReactNode }) {
  const { connection } = useConnection();
  const client = connection.client;
  const wire = useWireState();
  const [epoch, setEpoch] = useState(0);
  const [points, setPoints] = useState<PointsState>({ points: null, total: 0, error: null });
  const [health, setHealth] = useState<HealthState>({ health: null, receivedAt: 0, error: null });
  const latest = useMemo(() => new LatestStore(), []);
  const listed = useRef({ count: -1, at: 0 });

  const open = wire.status === 'open';
  useEffect(() => {
    if (open) setEpoch((e) => e + 1);
  }, [open]);

  useEffect(() => {
    const offStatus = client.on('system.status', (h) => setHealth({ health: h, receivedAt: Date.now(), error: null }));
    const offChanged = client.on('points.changed', (p) => latest.apply(p.values));
    return () => {
      offStatus();
      offChanged();
    };
  }, [client, latest]);

  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    client
      .call('system.health')
      .then((h) => live && setHealth({ health: h, receivedAt: Date.now(), error: null }))
      .catch((err: unknown) => live && setHealth((s) => ({ ...s, error: message(err) })));
    client
      .call('points.list')
      .then((r) => {
        if (!live) return;
        listed.current = { count: r.total, at: Date.now() };
        setPoints({ points: r.points, total: r.total, error: null });
      })
      .catch((err: unknown) => live && setPoints((s) => ({ ...s, error: message(err) })));
    client
      .call('points.latest')
      .then((r) => live && latest.apply(r.values))
      .catch((err: unknown) => console.error(`arxos: points.latest failed: ${message(err)}`));
    return () => {
      live = false;
    };
  }, [client, epoch, latest]);

  // New points appear when devices are first heard of: health counts them, so list again
  // when the count moves (at most every 5 s while devices keep appearing).
  const corePoints = health.health?.db.points;
  useEffect(() => {
    if (corePoints === undefined || listed.current.count < 0 || corePoints === listed.current.count) return;
    const wait = Math.max(0, listed.current.at + 5000 - Date.now());
    let live = true;
    const timer = setTimeout(() => {
      listed.current.at = Date.now();
      Promise.all([client.call('points.list'), client.call('points.latest')])
        .then(([r, values]) => {
          if (!live) return;
          listed.current = { count: r.total, at: Date.now() };
          latest.apply(values.values);
          setPoints({ points: r.points, total: r.total, error: null });
        })
        .catch((err: unknown) => live && setPoints((s) => ({ ...s, error: message(err) })));
    }, wait);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, corePoints, latest]);

  return (
    <EpochContext.Provider value={epoch}>
      <LatestContext.Provider value={latest}>
        <HealthContext.Provider value={health}>
          <PointsContext.Provider value={points}>{children}</PointsContext.Provider>
        </HealthContext.Provider>
      </LatestContext.Provider>
    </EpochContext.Provider>
  );
}

export const usePoints = (): PointsState => useContext(PointsContext);
export const useHealth = (): HealthState => useContext(HealthContext);
export const useEpoch = (): number => useContext(EpochContext);

export function useLatestStore(): LatestStore {
  const store = useContext(LatestContext);
  if (!store) throw new Error('useLatestStore outside a SiteDataProvider');
  return store;
}
