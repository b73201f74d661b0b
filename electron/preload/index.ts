import { contextBridge, ipcRenderer } from 'electron';
import { createClient, type Wire } from '../../src/shared/contract/client';
import { ApiError } from '../../src/shared/errors';
import { ipcChannels, type IpcReply } from '../../src/shared/rpc';

/**
 * The preload exposes one thing to the page: the contract client as `window.arxos`. No
 * ipcRenderer, no Node: the page can make contract calls and hear contract events, nothing else.
 */
const wire: Wire = {
  async request(method, params) {
    const reply = (await ipcRenderer.invoke(ipcChannels.call, method, params)) as IpcReply;
    if (reply.ok) return reply.result;
    throw ApiError.fromBody(reply.error);
  },
  onEvent(sink) {
    ipcRenderer.on(ipcChannels.event, (_event, message: { event: string; payload: unknown }) => sink(message.event, message.payload));
  },
  // IPC does not drop while the window lives, so there is never a reconnect to report.
  onReconnect() {},
};

contextBridge.exposeInMainWorld('arxos', createClient(wire));
