import type { Wire } from '../../shared/contract/client';
import { ApiError, ErrorCode, type ErrorBody } from '../../shared/errors';
import type { RpcRequest } from '../../shared/rpc';

/**
 * The part of a WebSocket the wire uses. The browser's WebSocket and the `ws` package's both
 * fit, so the wire is tested in Node against a real server. Listeners are declared as methods
 * (not `onmessage` properties) so that both event types are accepted.
 */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

/**
 * - connecting: a socket is opening; calls wait for it.
 * - open: calls go out at once.
 * - waiting: the socket dropped; the next attempt is at `retryAt`; calls fail at once.
 * - refused: `canReconnect` said no (e.g. the token was revoked); no more attempts.
 * - closed: closed by the owner.
 */
export type WireState =
  | { status: 'connecting'; attempt: number }
  | { status: 'open'; since: number }
  | { status: 'waiting'; attempt: number; retryAt: number; reason: string }
  | { status: 'refused'; reason: string }
  | { status: 'closed' };

export interface WsWireOptions {
  url: string;
  WebSocket: SocketConstructor;
  /** First reconnect delay; doubles per failed attempt up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Asked before every reconnect attempt. Browsers hide why an upgrade failed (a 401 looks
   * like any drop), so the owner checks the token here; resolving false stops reconnecting.
   * A rejection counts as "server not reachable": the wire keeps trying.
   */
  canReconnect?: () => Promise<boolean>;
}

export interface WsWire extends Wire {
  readonly state: WireState;
  /** Calls the listener on every state change; returns a function that stops it. */
  onState(listener: (state: WireState) => void): () => void;
  /** Closes the socket for good and rejects what is pending. */
  close(): void;
}

interface Pending {
  method: string;
  resolve(result: unknown): void;
  reject(error: ApiError): void;
}

const OPEN = 1;

/** JSON-RPC 2.0 over one WebSocket, reconnecting with backoff when it drops. */
export function createWsWire(options: WsWireOptions): WsWire {
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 15_000;
  const sent = new Map<number | string, Pending>();
  /** Requests made while the socket is still opening; sent once it is open. */
  let queued: { message: string; pending: Pending; id: number }[] = [];
  const stateListeners = new Set<(s: WireState) => void>();
  const reconnectListeners: (() => void)[] = [];
  let eventSink: (event: string, payload: unknown) => void = () => undefined;
  let nextId = 1;
  let socket: SocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let state: WireState = { status: 'connecting', attempt: 0 };
  /** Set once a socket has dropped: every later open is a reconnect, whose callbacks renew subscriptions. */
  let dropped = false;

  const setState = (next: WireState): void => {
    state = next;
    for (const l of [...stateListeners]) l(next);
  };

  const failAll = (error: ApiError): void => {
    const all = [...sent.values(), ...queued.map((q) => q.pending)];
    sent.clear();
    queued = [];
    for (const p of all) p.reject(error);
  };

  const handleMessage = (raw: unknown): void => {
    if (typeof raw !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch {
      console.error(`arxos: the server sent a message that is not JSON (${raw.slice(0, 80)})`);
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    if (typeof m.method === 'string' && m.id === undefined) {
      eventSink(m.method, m.params);
      return;
    }
    if (typeof m.id !== 'number' && typeof m.id !== 'string') return;
    const pending = sent.get(m.id);
    if (!pending) return;
    sent.delete(m.id);
    if (m.error !== undefined) pending.reject(toApiError(m.error, pending.method));
    else pending.resolve(m.result);
  };

  const connect = (attempt: number): void => {
    setState({ status: 'connecting', attempt });
    let ws: SocketLike;
    try {
      ws = new options.WebSocket(options.url);
    } catch (err) {
      // A malformed URL throws at once; it will not get better by retrying.
      failAll(new ApiError(ErrorCode.Unavailable, `cannot open ${options.url}: ${(err as Error).message}`));
      setState({ status: 'refused', reason: (err as Error).message });
      return;
    }
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      setState({ status: 'open', since: Date.now() });
      for (const q of queued) {
        sent.set(q.id, q.pending);
        ws.send(q.message);
      }
      queued = [];
      if (dropped) for (const cb of reconnectListeners) cb();
    });
    ws.addEventListener('message', (e) => {
      if (socket === ws) handleMessage(e.data);
    });
    ws.addEventListener('close', (e) => {
      if (socket !== ws) return;
      socket = null;
      dropped = true;
      const wasOpen = state.status === 'open';
      const reason = wasOpen
        ? `connection lost${e.reason ? `: ${e.reason}` : ''} (code ${e.code})`
        : 'the server did not accept the connection';
      failAll(new ApiError(ErrorCode.Unavailable, `${reason}; reconnecting`));
      scheduleReconnect(wasOpen ? 0 : attempt + 1, reason);
    });
    // An 'error' is always followed by 'close', which does the work.
    ws.addEventListener('error', () => undefined);
  };

  const scheduleReconnect = (attempt: number, reason: string): void => {
    const delay = Math.min(maxDelay, minDelay * 2 ** attempt);
    setState({ status: 'waiting', attempt, retryAt: Date.now() + delay, reason });
    timer = setTimeout(() => {
      timer = null;
      void attemptReconnect(attempt, reason);
    }, delay);
  };

  const attemptReconnect = async (attempt: number, reason: string): Promise<void> => {
    if (options.canReconnect) {
      let allowed: boolean;
      try {
        allowed = await options.canReconnect();
      } catch {
        if (state.status === 'waiting') scheduleReconnect(attempt + 1, reason);
        return;
      }
      if (state.status !== 'waiting') return;
      if (!allowed) {
        setState({ status: 'refused', reason: 'the server refused the access token' });
        return;
      }
    }
    connect(attempt);
  };

  connect(0);

  return {
    get state() {
      return state;
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    request(method, params) {
      return new Promise((resolve, reject) => {
        if (state.status !== 'open' && state.status !== 'connecting') {
          reject(new ApiError(ErrorCode.Unavailable, `not connected to the core (${method} not sent)`));
          return;
        }
        const id = nextId++;
        const body: RpcRequest = { jsonrpc: '2.0', id, method };
        if (params !== undefined) body.params = params;
        const message = JSON.stringify(body);
        const pending: Pending = { method, resolve, reject };
        if (state.status === 'open' && socket?.readyState === OPEN) {
          sent.set(id, pending);
          socket.send(message);
        } else queued.push({ message, pending, id });
      });
    },
    onEvent(sink) {
      eventSink = sink;
    },
    onReconnect(callback) {
      reconnectListeners.push(callback);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      const ws = socket;
      socket = null;
      failAll(new ApiError(ErrorCode.Unavailable, 'connection closed'));
      setState({ status: 'closed' });
      ws?.close(1000, 'closed by the client');
    },
  };
}

function toApiError(error: unknown, method: string): ApiError {
  const body = error as Partial<ErrorBody>;
  if (typeof body === 'object' && body !== null && typeof body.code === 'number' && typeof body.message === 'string') {
    return ApiError.fromBody({ code: body.code, message: body.message, data: body.data });
  }
  return new ApiError(ErrorCode.Internal, `${method}: the server sent a malformed error`);
}
