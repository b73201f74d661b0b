import type { RawData, WebSocket } from 'ws';
import { eventSpec, type EventName } from '../../../shared/contract';
import { ErrorCode } from '../../../shared/errors';
import type { Session } from '../../../shared/permissions';
import type { RpcServerMessage } from '../../../shared/rpc';
import type { Dispatcher } from '../dispatcher';
import type { EventHub, Subscription } from '../event-hub';
import { answerFrame } from './json-rpc';

/** Above this many bytes waiting for a socket, live values for it are held back (only their ids are kept). */
export const HIGH_WATER_BYTES = 1024 * 1024;
/** Once the backlog is below this, the held-back points are sent with their latest values. */
export const LOW_WATER_BYTES = 256 * 1024;
/** A client this far behind is not reading at all: it is cut off rather than allowed to grow the core's memory. */
export const CUTOFF_BYTES = 32 * 1024 * 1024;

export interface RpcCore {
  readonly dispatcher: Dispatcher;
  readonly hub: EventHub;
}

/**
 * One WebSocket client of the contract: JSON-RPC requests in, responses and event
 * notifications out. A slow client never slows the core: when its socket backs up, further
 * notifications of events that declare a resync (`points.changed`) are not queued; their keys
 * are remembered and one catch-up notification is sent once the socket drains, so the client
 * ends up current without replaying history.
 */
export function serveRpcSocket(socket: WebSocket, core: RpcCore, session: Session): void {
  const missed = new Map<EventName, Set<number>>();
  let catchingUp = false;

  const subscription: Subscription = core.hub.attach({
    session,
    send: (event, payload) => {
      const resync = eventSpec(event).resync;
      if (resync && (catchingUp || missed.size > 0 || socket.bufferedAmount > HIGH_WATER_BYTES)) {
        let keys = missed.get(event);
        if (!keys) missed.set(event, (keys = new Set()));
        for (const k of resync.keys(payload)) keys.add(k);
        return;
      }
      send({ jsonrpc: '2.0', method: event, params: payload });
    },
  });

  const call = (method: string, params: unknown) => core.dispatcher.call({ session, subscription }, method, params);

  function send(message: RpcServerMessage | RpcServerMessage[]): void {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > CUTOFF_BYTES) {
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(message), afterWrite);
  }

  /** Runs as each frame leaves the process; the last one of a backlog finds the socket drained. */
  function afterWrite(): void {
    if (missed.size === 0 || catchingUp || socket.bufferedAmount > LOW_WATER_BYTES) return;
    const [event, keys] = missed.entries().next().value!;
    missed.delete(event);
    const resync = eventSpec(event).resync!;
    catchingUp = true;
    call(resync.method, resync.params([...keys]))
      .then((result) => {
        catchingUp = false;
        if (subscription.events.has(event)) send({ jsonrpc: '2.0', method: event, params: resync.payload(result) });
        else afterWrite();
      })
      .catch(() => {
        // The client may no longer receive the event (unsubscribed, or the socket closed): nothing is owed.
        catchingUp = false;
      });
  }

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      send({ jsonrpc: '2.0', id: null, error: { code: ErrorCode.InvalidRequest, message: 'binary frames are not accepted: send JSON-RPC as text' } });
      return;
    }
    answerFrame(rawText(data), call)
      .then((answer) => {
        if (answer !== null) send(answer);
      })
      // answerFrame never rejects; a result that cannot be serialised ends this client, not the core.
      .catch(() => socket.close(1011, 'internal error'));
  });
  // Oversized frames (maxPayload) and protocol errors arrive here; ws closes the socket itself.
  socket.on('error', () => undefined);
  socket.on('close', () => subscription.detach());
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
