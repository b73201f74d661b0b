import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * The `arxos` command line: src/cli/arxos.ts bundled into one ES module for plain Node 20
 * (out/cli/arxos.js). Our own code and JSON are bundled; packages stay external and load
 * from node_modules, so better-sqlite3 uses its Node build here, never the Electron one.
 */
export default defineConfig({
  build: {
    ssr: 'src/cli/arxos.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      external: [...builtinModules, /^node:/],
      output: { format: 'es', entryFileNames: 'arxos.js' },
    },
  },
  ssr: { target: 'node' },
});
