import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type DesktopBridge, type IpcReply } from '../../src/shared/rpc';

/**
 * The preload exposes one thing to the page: the contract's transport as `window.arxos` (calls
 * and events, nothing else: no ipcRenderer, no Node). The renderer builds its typed client on it.
 */
const bridge: DesktopBridge = {
  call: (method, params) => ipcRenderer.invoke(ipcChannels.call, method, params) as Promise<IpcReply>,
  onEvent(sink) {
    ipcRenderer.on(ipcChannels.event, (_event, message: { event: string; payload: unknown }) => sink(message.event, message.payload));
  },
};

contextBridge.exposeInMainWorld('arxos', bridge);
