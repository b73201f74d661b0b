import { useEffect, useState } from 'react';
import { desktopClient, ipcConnection, webSocketConnection, type Connection } from './api/connection';
import { ConnectionProvider } from './api/connection-context';
import { checkToken, forgetToken, initialToken, rememberToken } from './api/token';
import { Shell } from './shell/Shell';
import { TokenPrompt } from './views/token/TokenPrompt';
import { errorText } from '../shared/errors';

type Boot =
  | { phase: 'checking'; token: string; fromUrl: boolean }
  | { phase: 'unreachable'; token: string; fromUrl: boolean; error: string }
  | { phase: 'prompt'; reason: string | null }
  | { phase: 'ready'; connection: Connection };

/** A server that cannot be reached is asked again after this long. */
const RECHECK_MS = 3000;

function initialBoot(): Boot {
  const desktop = desktopClient();
  if (desktop) return { phase: 'ready', connection: ipcConnection(desktop) };
  const { token, fromUrl } = initialToken();
  return token ? { phase: 'checking', token, fromUrl } : { phase: 'prompt', reason: null };
}

/**
 * Picks the transport and gets past the token: on the desktop the preload's client is used
 * as it is; in a browser the token is checked before the WebSocket is opened, because a
 * browser cannot see the 401 of a refused upgrade.
 */
export function App() {
  const [boot, setBoot] = useState<Boot>(initialBoot);

  useEffect(() => {
    if (boot.phase !== 'checking') return;
    let live = true;
    checkToken(boot.token)
      .then((verdict) => {
        if (!live) return;
        if (verdict === 'valid') {
          rememberToken(boot.token);
          setBoot({ phase: 'ready', connection: webSocketConnection(boot.token) });
        } else {
          forgetToken();
          setBoot({
            phase: 'prompt',
            reason: boot.fromUrl ? 'The server refused the token in the address.' : 'The server refused the remembered token (it may have been replaced).',
          });
        }
      })
      .catch((err: unknown) => {
        if (live) setBoot({ ...boot, phase: 'unreachable', error: errorText(err) });
      });
    return () => {
      live = false;
    };
  }, [boot]);

  useEffect(() => {
    if (boot.phase !== 'unreachable') return;
    const timer = setTimeout(() => setBoot({ phase: 'checking', token: boot.token, fromUrl: boot.fromUrl }), RECHECK_MS);
    return () => clearTimeout(timer);
  }, [boot]);

  // A token revoked while connected shows up as a refused reconnect.
  useEffect(() => {
    if (boot.phase !== 'ready' || boot.connection.transport !== 'websocket') return;
    const { connection } = boot;
    return connection.onState((state) => {
      if (state.status !== 'refused') return;
      connection.close();
      forgetToken();
      setBoot({ phase: 'prompt', reason: `Disconnected: ${state.reason}.` });
    });
  }, [boot]);

  switch (boot.phase) {
    case 'checking':
      return <Splash text="Checking the access token…" />;
    case 'unreachable':
      return <Splash text={`Cannot reach the console server (${boot.error}). Trying again…`} />;
    case 'prompt':
      return <TokenPrompt reason={boot.reason} onAccepted={(token) => setBoot({ phase: 'ready', connection: webSocketConnection(token) })} />;
    case 'ready': {
      const { connection } = boot;
      const forget =
        connection.transport === 'websocket'
          ? () => {
              connection.close();
              forgetToken();
              setBoot({ phase: 'prompt', reason: 'The token was forgotten on this device.' });
            }
          : null;
      return (
        <ConnectionProvider connection={connection} forgetToken={forget}>
          <Shell />
        </ConnectionProvider>
      );
    }
  }
}

function Splash({ text }: { text: string }) {
  return (
    <main className="splash" data-testid="splash">
      <p>{text}</p>
    </main>
  );
}
