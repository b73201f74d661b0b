#!/usr/bin/env node
// The Electron runtime and the native module it needs, for `npm start` and `npm run dist`.
// `node scripts/electron-runtime.mjs stage-native` prepares better-sqlite3 for packaging.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './ensure-build.mjs';

const require = createRequire(path.join(projectRoot, 'package.json'));
const FETCH_TIMEOUT_MS = 5 * 60_000;
const NATIVE_BUILD_TIMEOUT_MS = 15 * 60_000;

export function electronVersion() {
  return require('electron/package.json').version;
}

/** The Electron executable, or why it is not there. `require('electron')` gives its path once the runtime is installed. */
export function findElectron() {
  let executable;
  try {
    executable = require('electron');
  } catch (err) {
    return { ok: false, reason: tellingLine(err.message) };
  }
  return fs.existsSync(executable) ? { ok: true, path: executable } : { ok: false, reason: `${executable} is missing` };
}

/**
 * Fetches the runtime once with Electron's own installer (the npm install of `electron` skips it:
 * package.json denies its install script). Resolves with findElectron()'s answer afterwards.
 */
export async function fetchElectron(timeoutMs = FETCH_TIMEOUT_MS) {
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  const run = await runNode([installer], { cwd: projectRoot, timeoutMs });
  if (!run.ok) return { ok: false, reason: `download failed: ${run.reason}` };
  return findElectron();
}

/** Where the Electron build of better-sqlite3 lives: apart from node_modules, so the Node build is never touched. */
function nativeDir(version = electronVersion()) {
  return path.join(projectRoot, '.native', `electron-${version}`);
}

/**
 * better-sqlite3 compiled for Electron's ABI, built once per Electron and better-sqlite3 version
 * with @electron/rebuild (a prebuilt binary when one can be downloaded, else node-gyp against
 * Electron's headers) in a copy of the package under .native/. Resolves with the binary's path,
 * or with why it cannot be built.
 */
export async function ensureElectronSqlite(version = electronVersion()) {
  const dir = nativeDir(version);
  const binary = path.join(dir, 'better_sqlite3.node');
  const sqliteVersion = require('better-sqlite3/package.json').version;
  const info = { electron: version, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };
  const infoFile = path.join(dir, 'build-info.json');
  if (fs.existsSync(binary) && fs.existsSync(infoFile) && fs.readFileSync(infoFile, 'utf8') === JSON.stringify(info)) {
    return { ok: true, path: binary };
  }

  const rebuildCli = path.join(projectRoot, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  if (!fs.existsSync(rebuildCli)) return { ok: false, reason: '@electron/rebuild is not installed (it comes with electron-builder)' };
  const staging = path.join(dir, 'staging');
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const copy = path.join(staging, 'node_modules', 'better-sqlite3');
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(copy, { recursive: true });
  fs.cpSync(source, copy, { recursive: true, filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'build' });
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    JSON.stringify({ name: 'arxos-native-staging', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }),
  );
  console.error(`building better-sqlite3 ${sqliteVersion} for Electron ${version} (once; kept in ${path.relative(projectRoot, dir)})...`);
  const run = await runNode([rebuildCli, '--version', version, '--module-dir', staging, '--only', 'better-sqlite3', '--force'], {
    cwd: staging,
    timeoutMs: NATIVE_BUILD_TIMEOUT_MS,
  });
  const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
  const ok = run.ok && fs.existsSync(built);
  if (ok) {
    fs.copyFileSync(built, binary);
    fs.writeFileSync(infoFile, JSON.stringify(info));
  }
  fs.rmSync(staging, { recursive: true, force: true });
  return ok ? { ok: true, path: binary } : { ok: false, reason: run.ok ? 'the rebuild produced no binary' : run.reason };
}

/** Runs a Node script; resolves `{ ok }` or `{ ok: false, reason }` with the first telling line of its output. */
function runNode(args, { cwd, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-32 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: err.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ok: true });
      else if (signal === 'SIGKILL') resolve({ ok: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` });
      else resolve({ ok: false, reason: tellingLine(output) || `exit code ${code}` });
    });
  });
}

/**
 * What went wrong, from a tool's output: the first error message (with its continuation lines,
 * without the "Error:" prefix), else the last line that is not a stack frame.
 */
function tellingLine(text) {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l) => /^\w*Error:\s*\S/.test(l));
  if (start >= 0) {
    const message = [lines[start].replace(/^(?:\w*Error:\s*)+/, '')];
    for (const l of lines.slice(start + 1)) {
      if (l === '' || l.startsWith('at ')) break;
      message.push(l);
    }
    return message.join(' ');
  }
  return lines.filter((l) => l !== '' && !l.startsWith('at ')).at(-1) ?? '';
}

/** For `npm run dist`: the Electron build of better-sqlite3 where electron-builder.yml picks it up. */
async function stageNative() {
  const result = await ensureElectronSqlite();
  if (!result.ok) {
    console.error(`cannot build better-sqlite3 for Electron ${electronVersion()}: ${result.reason}`);
    process.exit(1);
  }
  const target = path.join(projectRoot, '.native', 'package', 'better_sqlite3.node');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(result.path, target);
  console.error(`staged ${path.relative(projectRoot, target)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.argv[2] === 'stage-native') await stageNative();
  else {
    console.error('usage: node scripts/electron-runtime.mjs stage-native');
    process.exit(2);
  }
}
