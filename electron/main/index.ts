import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import { loadConfigFile, parseConfig, type CoreConfig } from '../../src/core/config';
import { createCore, type Core } from '../../src/core/host';
import type { Session } from '../../src/shared/permissions';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { parseDesktopArgs } from './args';
import { bindIpcTransport } from '../../src/core/api/transports/ipc';
import { applySecurityPolicy, isAppUrl } from './security';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadFile = path.join(here, '..', 'preload', 'index.cjs');
const rendererDir = path.join(here, '..', 'renderer');

/** The desktop user acts as themselves, with every permission: the machine is theirs. */
const desktopSession: Session = { user: os.userInfo().username, role: 'admin', via: 'ipc' };

/**
 * better-sqlite3 built for Electron's ABI: `npm start` builds it apart from the Node build and
 * passes its path; the packaged app carries it in its resources.
 */
function sqliteBinding(): string | undefined {
  if (process.env.ARXOS_SQLITE_BINDING) return process.env.ARXOS_SQLITE_BINDING;
  return app.isPackaged ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node') : undefined;
}

function loadConfig(): CoreConfig {
  const args = parseDesktopArgs(process.argv.slice(1));
  const binding = sqliteBinding();
  const fixed = {
    ...(args.dataDir ? { dataDir: path.resolve(args.dataDir) } : {}),
    ...(binding ? { sqliteBinding: binding } : {}),
  };
  const defaults = { dataDir: app.getPath('userData') };
  return args.config ? loadConfigFile(path.resolve(args.config), fixed, defaults) : parseConfig({ ...defaults, ...fixed });
}

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // One core per site database: a second start brings the running window forward instead.
  app.quit();
} else {
  let core: Core | null = null;
  let transport: { dispose(): void } | null = null;
  let win: BrowserWindow | null = null;
  let stop: 'running' | 'stopping' | 'stopped' = 'running';

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Closing the window, the menu's Quit, SIGINT and SIGTERM all end here: the core commits
  // everything pending and closes the database before the process exits.
  app.on('before-quit', (event) => {
    if (stop === 'stopped' || core === null) return;
    event.preventDefault();
    if (stop === 'stopping') return;
    stop = 'stopping';
    transport?.dispose();
    core
      .stop()
      .catch((err: Error) => console.error(`stopping the core failed: ${err.message}`))
      .finally(() => {
        stop = 'stopped';
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  void app.whenReady().then(async () => {
    applySecurityPolicy(session.defaultSession);
    serveRenderer(rendererDir);
    try {
      const started = createCore(loadConfig());
      await started.start();
      core = started;
    } catch (err) {
      dialog.showErrorBox('Arxos Control Room cannot start', (err as Error).message);
      app.exit(1);
      return;
    }
    transport = bindIpcTransport(ipcMain, {
      dispatcher: core.dispatcher,
      hub: core.hub,
      session: desktopSession,
      isTrustedSender: (event) => isAppUrl(event.senderFrame?.url),
    });
    win = createMainWindow(preloadFile);
    win.on('closed', () => (win = null));
  });
}
