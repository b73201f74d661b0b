import { useEffect } from 'react';
import { useWireState } from '../api/connection-context';
import { SiteDataProvider } from '../state/site-data';
import { BuildingView } from '../views/building/BuildingView';
import { DevicesView } from '../views/devices/DevicesView';
import { PlannedView } from '../views/planned/PlannedView';
import { PointsView } from '../views/points/PointsView';
import { SettingsView } from '../views/settings/SettingsView';
import { ConnectionBanner } from './ConnectionBanner';
import { NavBar } from './NavBar';
import { useHash } from './navigation';
import { parseRoute, screens, type Route } from './routes';
import { StatusBar } from './StatusBar';

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'building':
      return <BuildingView />;
    case 'points':
      return <PointsView selected={route.param} />;
    case 'settings':
      return <SettingsView />;
    case 'devices':
      return <DevicesView selected={route.param} />;
    default:
      return <PlannedView screen={route.screen} />;
  }
}

/** Navigation on the left, the current screen, the status bar along the bottom. */
export function Shell() {
  const route = parseRoute(useHash());
  const offline = useWireState().status !== 'open';
  const label = screens.find((s) => s.id === route.screen)?.label ?? '';

  useEffect(() => {
    document.title = `${label} · Arxos Control Room`;
  }, [label]);

  return (
    <SiteDataProvider>
      <div className={offline ? 'app offline' : 'app'}>
        <NavBar current={route.screen} />
        <main className="main" data-screen={route.screen}>
          <ConnectionBanner />
          <Screen route={route} />
        </main>
        <StatusBar />
      </div>
    </SiteDataProvider>
  );
}
