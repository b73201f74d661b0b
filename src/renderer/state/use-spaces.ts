import { useMemo } from 'react';
import { useQuery } from '../api/use-query';
import { spaceIndex, type SpaceIndex } from './space-names';

export interface SpacesState {
  /** Null until the first answer. */
  index: SpaceIndex | null;
  error: string | null;
}

/**
 * The building model's storeys and spaces, for showing room names instead of space ids
 * (`spaceLabel(index, point.spaceId)`). Read again when points are added or redescribed,
 * since new points may name spaces the model does not know.
 */
export function useSpaces(): SpacesState {
  const { data, error } = useQuery('spaces.list', undefined, { refreshOn: ['points.updated'] });
  const index = useMemo(() => (data ? spaceIndex(data) : null), [data]);
  return { index, error };
}
