import { useEffect } from 'react';
import { useWireState } from '../api/connection-context';
import { SiteDataProvider } from '../state/site-data';
import { ConnectionBanner } from './ConnectionBanner';
import { NavBar } from './NavBar';
import { useHash } from '../navigation/navigation';
import { parseRoute, screens } from '../navigation/routes';
import { StatusBar } from './StatusBar';
import { screenViews } from '../views/screens';

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
          {screenViews[route.screen](route)}
        </main>
        <StatusBar />
      </div>
    </SiteDataProvider>
  );
}
