import { bridgeWire } from '../../shared/contract/bridge-wire';
import { createClient, type ArxosClient } from '../../shared/contract/client';
import { checkToken } from './token';
import { rpcUrl } from './token-url';
import { createWsWire, type WireState } from './ws-wire';

export type Transport = 'ipc' | 'websocket';

/** The client plus what the UI shows about how it reaches the core. */
export interface Connection {
  readonly transport: Transport;
  /** Where the core is reached: the server's address, or null on the desktop (same process tree). */
  readonly serverUrl: string | null;
  readonly client: ArxosClient;
  readonly state: WireState;
  onState(listener: (state: WireState) => void): () => void;
  close(): void;
}

/** The desktop: the preload's client over Electron IPC, which cannot drop while the window lives. */
export function ipcConnection(client: ArxosClient): Connection {
  const state: WireState = { status: 'open', since: Date.now() };
  return {
    transport: 'ipc',
    serverUrl: null,
    client,
    state,
    onState: () => () => undefined,
    close: () => undefined,
  };
}

/** A browser, headset or wall display: JSON-RPC over a WebSocket to the serve-mode server. */
export function webSocketConnection(token: string): Connection {
  const wire = createWsWire({
    url: rpcUrl(window.location.href, token),
    WebSocket: window.WebSocket,
    canReconnect: async () => (await checkToken(token)) === 'valid',
  });
  return {
    transport: 'websocket',
    serverUrl: window.location.origin,
    client: createClient(wire),
    get state() {
      return wire.state;
    },
    onState: (listener) => wire.onState(listener),
    close: () => wire.close(),
  };
}

/** Electron's preload exposes `window.arxos`; anywhere else the UI talks over the WebSocket. */
export function desktopClient(): ArxosClient | null {
  return window.arxos ? createClient(bridgeWire(window.arxos)) : null;
}
