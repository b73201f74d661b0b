import { parseArgs } from 'node:util';

export interface DesktopArgs {
  dataDir?: string;
  config?: string;
}

/**
 * `--data-dir DIR` and `--config FILE` as passed by `npm start -- ...`. Not strict: Electron
 * and Chromium add switches of their own to the command line.
 */
export function parseDesktopArgs(argv: readonly string[]): DesktopArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { 'data-dir': { type: 'string' }, config: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return { dataDir: str(values['data-dir']), config: str(values.config) };
}
