import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: this code runs either as source (src/cli/*.ts, via tsx) or bundled
 * (out/cli/arxos.js); both sit two levels below the root.
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built renderer that serve mode hosts. */
export const rendererDir = path.join(projectRoot, 'out', 'renderer');
