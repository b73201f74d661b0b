#!/usr/bin/env node
// `npm start [-- --data-dir DIR --config FILE]`: builds what is stale and opens the desktop app.
// Without an Electron runtime (none installed and none can be fetched: an air-gapped
// workstation, a CI box) it says so in one line and runs serve mode instead, printing the URL.
import { spawn } from 'node:child_process';
import { ensureBuild, projectRoot } from './ensure-build.mjs';
import { electronVersion, ensureElectronSqlite, fetchElectron, findElectron } from './electron-runtime.mjs';
import { runCli } from './run-cli.mjs';

const args = process.argv.slice(2);

try {
  await ensureBuild();
} catch (err) {
  console.error(err.message);
  process.exit(1);
}

let electron = findElectron();
if (!electron.ok) {
  console.error(`fetching the Electron ${electronVersion()} runtime (once)...`);
  electron = await fetchElectron();
}
if (!electron.ok) {
  console.log(`Electron runtime not available (${electron.reason}): starting serve mode instead`);
  await runCli(['serve', ...args]);
} else {
  const sqlite = await ensureElectronSqlite();
  if (!sqlite.ok) {
    console.log(`better-sqlite3 cannot be built for Electron ${electronVersion()} (${sqlite.reason}): starting serve mode instead`);
    await runCli(['serve', ...args]);
  } else {
    launch(electron.path, sqlite.path);
  }
}

function launch(executable, sqliteBinding) {
  const env = { ...process.env, ARXOS_SQLITE_BINDING: sqliteBinding };
  // Set by some tools to make Electron behave as plain Node; the app needs it unset.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(executable, [projectRoot, ...args], { stdio: 'inherit', env });
  // The app stops cleanly on SIGINT/SIGTERM (the core flushes); pass them on and wait for it.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`cannot start Electron: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
