import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'arxos-control-room';

/**
 * Where serve mode keeps the site's database, token and certificate when no `--data-dir` is
 * given: `$XDG_DATA_HOME/arxos-control-room`, else `~/.local/share/arxos-control-room`
 * (the XDG base directory default). The desktop app uses Electron's `userData` folder instead.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec says a relative value is invalid and must be ignored.
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'share');
  return path.join(base, APP_DIR_NAME);
}
