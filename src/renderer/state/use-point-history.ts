import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../shared/contract';
import type { Point } from '../../shared/contract/schemas/points';
import { useQuery } from '../api/use-query';
import { useNow } from './clock';
import { extendHistory } from './live-history';
import { useLiveValue } from './use-live-value';

type History = MethodOutput<'history.query'>;

export type PointHistory =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ok'; data: History; from: number; to: number };

/**
 * The last `rangeMs` of a point's history: read once (and after a reconnect), then kept current by
 * its live values, the window sliding with the clock. Never asked again on a timer.
 */
export function usePointHistory(point: Point, rangeMs: number, maxPoints: number): PointHistory {
  const [anchor, setAnchor] = useState(() => Date.now());
  useEffect(() => setAnchor(Date.now()), [point.id, rangeMs]);
  const numeric = point.valueType !== 'string';
  const query = useQuery('history.query', { point: point.id, from: anchor - rangeMs, to: anchor, maxPoints }, { enabled: numeric });
  const live = useLiveValue(point.id);
  const now = useNow();
  const [samples, setSamples] = useState<readonly History['samples'][number][] | null>(null);

  useEffect(() => setSamples(query.data?.samples ?? null), [query.data]);
  useEffect(() => {
    if (live && query.data) setSamples((s) => (s === null ? s : extendHistory(s, query.data!.bucketMs, live, Date.now() - rangeMs)));
  }, [live, query.data, rangeMs]);

  if (query.error !== null && query.data === null) return { status: 'error', message: query.error };
  if (query.data === null || samples === null) return { status: 'loading' };
  const to = Math.max(now, anchor);
  return { status: 'ok', data: { ...query.data, samples: [...samples] }, from: to - rangeMs, to };
}
