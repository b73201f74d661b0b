import { ApiError } from '../errors';
import type { DesktopBridge } from '../rpc';
import type { Wire } from './client';

/** The Wire over the Electron preload's bridge: error replies become ApiErrors again, code included. */
export function bridgeWire(bridge: DesktopBridge): Wire {
  return {
    async request(method, params) {
      const reply = await bridge.call(method, params);
      if (reply.ok) return reply.result;
      throw ApiError.fromBody(reply.error);
    },
    onEvent: (sink) => bridge.onEvent(sink),
    // IPC does not drop while the window lives, so there is never a reconnect to report.
    onReconnect() {},
  };
}
