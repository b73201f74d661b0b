import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventFilterInput, EventName, InputArgs, MethodName, MethodOutput } from '../../shared/contract';
import { errorText } from '../../shared/errors';
import { useClient, useEpoch } from './connection-context';

export interface QueryState<T> {
  /** The last answer; kept while a refresh runs or fails, so a screen does not blank. */
  data: T | null;
  /** Why the last call failed; null once one succeeds. */
  error: string | null;
  loading: boolean;
  /** Asks again now. */
  refresh(): void;
}

/** An event after which the query's answer may be out of date. */
export type RefreshOn = { [E in EventName]: { event: E; filter?: EventFilterInput<E> } }[EventName];

export interface QueryOptions {
  /** Asked again when one of these events arrives (at most one call in flight; one more after it when needed). */
  refreshOn?: readonly (EventName | RefreshOn)[];
  /** False: not asked (yet); the state stays as it is. */
  enabled?: boolean;
}

/**
 * One contract call as screen state: asked on mount, when its params change, after every reconnect
 * and on the events named in `refreshOn`. Never on a timer: what changes in the core is pushed.
 */
export function useQuery<M extends MethodName>(method: M, params: InputArgs<M>[0], options: QueryOptions = {}): QueryState<MethodOutput<M>> {
  const client = useClient();
  const epoch = useEpoch();
  const [state, setState] = useState<{ data: MethodOutput<M> | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const paramsKey = params === undefined ? '' : JSON.stringify(params);
  const enabled = options.enabled ?? true;
  const run = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (epoch === 0 || !enabled) return;
    let live = true;
    let inFlight = false;
    let again = false;
    const ask = (): void => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      setState((s) => (s.loading ? s : { ...s, loading: true }));
      const args = (paramsKey === '' ? [] : [JSON.parse(paramsKey)]) as InputArgs<M>;
      client
        .call(method, ...args)
        .then((data) => live && setState({ data, error: null, loading: false }))
        .catch((err: unknown) => live && setState((s) => ({ ...s, error: errorText(err), loading: false })))
        .finally(() => {
          inFlight = false;
          if (live && again) {
            again = false;
            ask();
          }
        });
    };
    run.current = ask;
    ask();
    return () => {
      live = false;
      run.current = () => undefined;
    };
  }, [client, method, paramsKey, epoch, enabled]);

  const refreshKey = JSON.stringify(options.refreshOn ?? []);
  useEffect(() => {
    const triggers = JSON.parse(refreshKey) as (EventName | RefreshOn)[];
    const offs = triggers.map((t) => {
      const { event, filter } = typeof t === 'string' ? { event: t, filter: undefined } : t;
      return client.on(event, () => run.current(), filter as never);
    });
    return () => {
      for (const off of offs) off();
    };
  }, [client, refreshKey]);

  const refresh = useCallback(() => run.current(), []);
  return { ...state, refresh };
}
