/** Moving between screens: the hash is the route (see routes.ts). */
import { useSyncExternalStore } from 'react';
import { routeHref, type ScreenId } from './routes';

export function navigate(screen: ScreenId, param?: string | number | null): void {
  window.location.hash = routeHref(screen, param);
}

function subscribe(notify: () => void): () => void {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
