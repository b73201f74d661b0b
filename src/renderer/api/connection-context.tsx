import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ArxosClient } from '../../shared/contract/client';
import type { Connection } from './connection';
import type { WireState } from './ws-wire';

interface ConnectionHandle {
  connection: Connection;
  /** Forgets the stored access token and returns to the token prompt; null on the desktop. */
  forgetToken: (() => void) | null;
}

const ConnectionContext = createContext<ConnectionHandle | null>(null);

export function ConnectionProvider(props: ConnectionHandle & { children: ReactNode }) {
  const { connection, forgetToken, children } = props;
  return <ConnectionContext.Provider value={{ connection, forgetToken }}>{children}</ConnectionContext.Provider>;
}

export function useConnection(): ConnectionHandle {
  const handle = useContext(ConnectionContext);
  if (!handle) throw new Error('useConnection outside a ConnectionProvider');
  return handle;
}

export function useClient(): ArxosClient {
  return useConnection().connection.client;
}

export function useWireState(): WireState {
  const { connection } = useConnection();
  return useSyncExternalStore(
    (notify) => connection.onState(notify),
    () => connection.state,
  );
}
