import type { Dispatcher } from '../dispatcher';
import type { EventHub, Subscription } from '../event-hub';
import { ApiError, ErrorCode } from '../../../shared/errors';
import type { Session } from '../../../shared/permissions';
import { ipcChannels, type IpcReply } from '../../../shared/rpc';

/**
 * The parts of Electron the transport uses, so that it can be exercised without the Electron
 * runtime: Electron's ipcMain and WebContents satisfy these as they are.
 */
export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
  isDestroyed(): boolean;
}
export interface IpcInvokeEventLike {
  readonly sender: WebContentsLike;
  /** The frame that sent the call; null when it navigated away or was destroyed meanwhile. */
  readonly senderFrame: { readonly url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcTransportOptions {
  dispatcher: Dispatcher;
  hub: EventHub;
  /** Who the desktop user is: every call from a window runs as this session. */
  session: Session;
  /** Only frames showing our own UI may call; anything else (an injected frame) is refused. */
  isTrustedSender(event: IpcInvokeEventLike): boolean;
}

/**
 * The contract over Electron IPC: one `ipcMain.handle` channel for every call, replies as
 * IpcReply values (a thrown error would lose its code crossing IPC), and events pushed to each
 * window with `webContents.send`. Each window has its own subscription, detached when the
 * window's contents are destroyed.
 */
export function bindIpcTransport(ipcMain: IpcMainLike, o: IpcTransportOptions): { dispose(): void } {
  const subscriptions = new Map<number, Subscription>();

  const subscriptionOf = (contents: WebContentsLike): Subscription => {
    let sub = subscriptions.get(contents.id);
    if (!sub) {
      const created = o.hub.attach({
        session: o.session,
        send: (event, payload) => {
          if (!contents.isDestroyed()) contents.send(ipcChannels.event, { event, payload });
        },
      });
      subscriptions.set(contents.id, created);
      contents.once('destroyed', () => {
        created.detach();
        subscriptions.delete(contents.id);
      });
      sub = created;
    }
    return sub;
  };

  ipcMain.handle(ipcChannels.call, async (event, method, params): Promise<IpcReply> => {
    try {
      if (!o.isTrustedSender(event)) throw new ApiError(ErrorCode.Forbidden, 'calls are accepted from the application window only');
      if (typeof method !== 'string') throw new ApiError(ErrorCode.InvalidRequest, 'method must be a string');
      const result = await o.dispatcher.call({ session: o.session, subscription: subscriptionOf(event.sender) }, method, params);
      return { ok: true, result };
    } catch (err) {
      const error = err instanceof ApiError ? err.toBody() : { code: ErrorCode.Internal, message: (err as Error).message ?? String(err) };
      return { ok: false, error };
    }
  });

  return {
    dispose() {
      ipcMain.removeHandler(ipcChannels.call);
      for (const sub of subscriptions.values()) sub.detach();
      subscriptions.clear();
    },
  };
}
