import { useEffect, useRef } from 'react';
import type { EventFilterInput, EventName, EventPayload } from '../../shared/contract';
import { useClient } from './connection-context';

/**
 * Calls `listener` with every `event` the core pushes (narrowed by `filter` where the event declares
 * one) while the component is mounted. The listener may change between renders without resubscribing.
 */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void, filter?: EventFilterInput<E>): void {
  const client = useClient();
  const latest = useRef(listener);
  latest.current = listener;
  const filterKey = filter === undefined ? '' : JSON.stringify(filter);
  useEffect(
    () => client.on(event, (payload) => latest.current(payload), filterKey === '' ? undefined : (JSON.parse(filterKey) as EventFilterInput<E>)),
    [client, event, filterKey],
  );
}
