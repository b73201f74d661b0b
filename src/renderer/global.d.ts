import type { DesktopBridge } from '../shared/rpc';

declare global {
  interface Window {
    /** The contract transport the Electron preload exposes; absent in a plain browser (serve mode). */
    arxos?: DesktopBridge;
  }
}
