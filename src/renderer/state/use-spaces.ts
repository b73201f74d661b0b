import { useEffect, useState } from 'react';
import { useClient } from '../api/connection-context';
import { spaceIndex, type SpaceIndex } from './space-names';
import { useEpoch, usePoints } from './site-data';

export interface SpacesState {
  /** Null until the first answer. */
  index: SpaceIndex | null;
  error: string | null;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The building model's storeys and spaces, for showing room names instead of space ids
 * (`spaceLabel(index, point.spaceId)`). Read again after a reconnect and whenever the core's
 * point count moves, since new points may name spaces the model does not know.
 */
export function useSpaces(): SpacesState {
  const client = useClient();
  const epoch = useEpoch();
  const { total } = usePoints();
  const [state, setState] = useState<SpacesState>({ index: null, error: null });
  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    client
      .call('spaces.list')
      .then((r) => live && setState({ index: spaceIndex(r), error: null }))
      .catch((err: unknown) => live && setState((s) => ({ ...s, error: message(err) })));
    return () => {
      live = false;
    };
  }, [client, epoch, total]);
  return state;
}
