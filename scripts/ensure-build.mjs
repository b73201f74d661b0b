#!/usr/bin/env node
// Builds the app (`npm run build`) when its sources changed since the last build, or when an
// output is missing. Used by `npm start`, `npm run serve` and the tests' global setup; safe to
// call from several processes at once (one builds, the others wait for it).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Everything a build reads: a change to any of these makes the outputs stale. */
const INPUT_DIRS = ['src', 'electron', 'resources'];
const INPUT_FILES = [
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
  'vite.cli.config.ts',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];
/** What `npm start`, `npm run serve` and the packaged app need. */
export const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/arxos.js'];
const STAMP = 'out/.build-stamp.json';
const LOCK = 'out/.build-lock';
const BUILD_TIMEOUT_MS = 15 * 60_000;

/** A fingerprint of the inputs: path, size and modification time of every file (deletions count too). */
export function inputFingerprint(root = projectRoot) {
  const entries = [];
  const walk = (rel) => {
    let list;
    try {
      list = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of list) {
      const child = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) entries.push(child);
    }
  };
  for (const dir of INPUT_DIRS) walk(dir);
  for (const file of INPUT_FILES) if (fs.existsSync(path.join(root, file))) entries.push(file);
  const hash = crypto.createHash('sha256');
  for (const rel of entries.sort()) {
    const st = fs.statSync(path.join(root, rel));
    hash.update(`${rel}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Why a build is needed, in words, or null when the outputs are current. */
export function staleReason(root = projectRoot) {
  const missing = OUTPUTS.find((o) => !fs.existsSync(path.join(root, o)));
  if (missing) return fs.existsSync(path.join(root, STAMP)) ? `${missing} is missing` : 'no build yet';
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
  } catch {
    return 'no record of the last build';
  }
  return stamp.fingerprint === inputFingerprint(root) ? null : 'sources changed since the last build';
}

/**
 * Builds when stale. Resolves with `{ built, reason }`; rejects with the build's output
 * when the build fails. `log` receives one line before and one after a build.
 */
export async function ensureBuild({ root = projectRoot, log = (line) => console.error(line) } = {}) {
  const lock = await acquireLock(root);
  try {
    const reason = staleReason(root);
    if (reason === null) return { built: false, reason: null };
    const fingerprint = inputFingerprint(root);
    log(`building the app (${reason})...`);
    const started = Date.now();
    await runBuild(root);
    fs.writeFileSync(path.join(root, STAMP), JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }) + '\n');
    log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { built: true, reason };
  } finally {
    lock.release();
  }
}

function runBuild(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-64 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), BUILD_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run npm run build: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`npm run build failed (${signal ?? `exit code ${code}`}):\n${output.trimEnd()}`));
    });
  });
}

/**
 * One build at a time per checkout: a lock directory holding the builder's pid. A lock whose
 * process is gone (a build killed half-way) is taken over.
 */
async function acquireLock(root) {
  const dir = path.join(root, LOCK);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
      return { release: () => fs.rmSync(dir, { recursive: true, force: true }) };
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    if (!holderAlive(dir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      continue;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function holderAlive(dir) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
  } catch {
    // The holder has created the directory but not yet written its pid: give it a moment.
    return Date.now() - fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs < 10_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const { built } = await ensureBuild();
    if (!built) console.error('the build is up to date');
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
