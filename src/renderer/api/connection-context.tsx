import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ArxosClient } from '../../shared/contract/client';
import type { Connection } from './connection';
import type { WireState } from './ws-wire';

interface ConnectionHandle {
  connection: Connection;
  /** Forgets the stored access token and returns to the token prompt; null on the desktop. */
  forgetToken: (() => void) | null;
}

const ConnectionContext = createContext<ConnectionHandle | null>(null);
/** Increments each time the connection (re)opens, so queries are asked again for what was missed. */
const EpochContext = createContext(0);

export function ConnectionProvider(props: ConnectionHandle & { children: ReactNode }) {
  const { connection, forgetToken, children } = props;
  const open = useSyncExternalStore(
    (notify) => connection.onState(notify),
    () => connection.state.status === 'open',
  );
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    if (open) setEpoch((e) => e + 1);
  }, [open]);
  return (
    <ConnectionContext.Provider value={{ connection, forgetToken }}>
      <EpochContext.Provider value={epoch}>{children}</EpochContext.Provider>
    </ConnectionContext.Provider>
  );
}

export function useConnection(): ConnectionHandle {
  const handle = useContext(ConnectionContext);
  if (!handle) throw new Error('useConnection outside a ConnectionProvider');
  return handle;
}

export function useClient(): ArxosClient {
  return useConnection().connection.client;
}

/** 0 before the connection first opens; then one more with every (re)open. Events sent while away are lost. */
export const useEpoch = (): number => useContext(EpochContext);

export function useWireState(): WireState {
  const { connection } = useConnection();
  return useSyncExternalStore(
    (notify) => connection.onState(notify),
    () => connection.state,
  );
}
