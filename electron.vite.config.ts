import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * The desktop app: main process (ES module, dependencies loaded from node_modules), preload
 * (CommonJS, everything bundled: a sandboxed preload can neither load ES modules nor require
 * packages), renderer (the React app in src/renderer; also what serve mode hosts).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: 'electron/main/index.ts' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: 'electron/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; the same bundle goes to headsets and wall displays over the network.
      minify: true,
      rolldownOptions: { input: 'src/renderer/index.html' },
    },
  },
});
