import type { ArxosClient } from '../shared/contract/client';

declare global {
  interface Window {
    /** The contract client the Electron preload exposes; absent in a plain browser (serve mode). */
    arxos?: ArxosClient;
  }
}
