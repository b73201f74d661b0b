import type { ErrorBody } from './errors';

/** JSON-RPC 2.0 messages as carried over the WebSocket at `/rpc`. */
export interface RpcRequest {
  jsonrpc: '2.0';
  id: number | string;
  method: string;
  params?: unknown;
}
export interface RpcSuccess {
  jsonrpc: '2.0';
  id: number | string;
  result: unknown;
}
export interface RpcFailure {
  jsonrpc: '2.0';
  id: number | string | null;
  error: ErrorBody;
}
/** A pushed event: `method` is the event name, `params` its payload. */
export interface RpcNotification {
  jsonrpc: '2.0';
  method: string;
  params: unknown;
}
export type RpcResponse = RpcSuccess | RpcFailure;
export type RpcServerMessage = RpcResponse | RpcNotification;

/** The IPC channel names used by the Electron transport. */
export const ipcChannels = { call: 'arxos:call', event: 'arxos:event' } as const;

/** What crosses IPC for a call: an error is returned as a value, since thrown errors lose their type. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ErrorBody };

/**
 * What the Electron preload exposes as `window.arxos`. Calls resolve with an IpcReply and never
 * reject, because an error crossing the context bridge keeps only its message, not its code.
 */
export interface DesktopBridge {
  call(method: string, params: unknown): Promise<IpcReply>;
  onEvent(sink: (event: string, payload: unknown) => void): void;
}
