/** The screens of the navigation, in order. */
export const screens = [
  { id: 'building', label: 'Building' },
  { id: 'points', label: 'Points' },
  { id: 'dashboards', label: 'Dashboards' },
  { id: 'alarms', label: 'Alarms' },
  { id: 'devices', label: 'Devices' },
  { id: 'finance', label: 'Finance' },
  { id: 'compliance', label: 'Compliance' },
  { id: 'risk', label: 'Risk' },
  { id: 'settings', label: 'Settings' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];
const defaultScreen: ScreenId = 'building';

export interface Route {
  screen: ScreenId;
  /** What follows the screen in the address, e.g. the selected point in `#/points/42`. */
  param: string | null;
}

/**
 * Routes live in the hash (`#/points/42`): it works from a file in Electron and from any
 * path in serve mode without server-side routes, and survives a reload.
 */
export function parseRoute(hash: string): Route {
  const [screen = '', param] = hash.replace(/^#\/?/, '').split('/');
  const known = screens.find((s) => s.id === screen);
  return { screen: known ? known.id : defaultScreen, param: known && param ? decodeURIComponent(param) : null };
}

export function routeHref(screen: ScreenId, param?: string | number | null): string {
  return param === undefined || param === null ? `#/${screen}` : `#/${screen}/${encodeURIComponent(String(param))}`;
}
