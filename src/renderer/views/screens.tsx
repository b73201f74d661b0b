import type { ReactNode } from 'react';
import type { Route, ScreenId } from '../navigation/routes';
import { BuildingView } from './building/BuildingView';
import { DevicesView } from './devices/DevicesView';
import { PlannedView } from './planned/PlannedView';
import { PointsView } from './points/PointsView';
import { SettingsView } from './settings/SettingsView';

/** What each screen of the navigation shows: one line per screen, its view in a folder of its own. */
export const screenViews: Record<ScreenId, (route: Route) => ReactNode> = {
  building: () => <BuildingView />,
  points: (route) => <PointsView selected={route.param} />,
  dashboards: () => <PlannedView screen="dashboards" />,
  alarms: () => <PlannedView screen="alarms" />,
  devices: (route) => <DevicesView selected={route.param} />,
  finance: () => <PlannedView screen="finance" />,
  compliance: () => <PlannedView screen="compliance" />,
  risk: () => <PlannedView screen="risk" />,
  settings: () => <SettingsView />,
};
