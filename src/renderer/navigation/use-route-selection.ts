import { useCallback } from 'react';
import { navigate } from './navigation';
import type { ScreenId } from './routes';

export interface RouteSelection<T> {
  selectedId: number | null;
  /** The selected item, or null when none is, or it is not (or no longer) among the items. */
  selectedItem: T | null;
  onSelect: (id: number) => void;
  onClose: () => void;
}

/** The row whose detail is open is the route's parameter (`#/points/42`), so a reload or a link keeps it open. */
export function useRouteSelection<T extends { id: number }>(screen: ScreenId, items: readonly T[] | null, param: string | null): RouteSelection<T> {
  const selectedId = param === null ? null : Number(param);
  const selectedItem = items?.find((item) => item.id === selectedId) ?? null;
  const onSelect = useCallback((id: number) => navigate(screen, id), [screen]);
  const onClose = useCallback(() => navigate(screen), [screen]);
  return { selectedId, selectedItem, onSelect, onClose };
}
