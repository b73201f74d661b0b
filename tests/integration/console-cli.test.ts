import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

// The `arxos` command line as a user runs it: a real process (the source via tsx, so no build is
// needed), real flags, a real core and console, stopped with a real signal.

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const runs: Run[] = [];
const dirs: string[] = [];

function arxos(...args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/arxos.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const run = { child, stdout: () => out, stderr: () => err, exited };
  runs.push(run);
  return run;
}

function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}

afterEach(async () => {
  for (const r of runs.splice(0)) {
    if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await r.exited;
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function consoleUrl(run: Run): Promise<URL> {
  await waitFor(() => /console +http:\/\/\S+\?token=\S+/.test(run.stdout()) || run.child.exitCode !== null, 60_000, 'the console URL');
  const m = /console +(http:\/\/\S+\?token=\S+)/.exec(run.stdout());
  if (!m) throw new Error(`serve printed no URL:\n${run.stdout()}\n${run.stderr()}`);
  return new URL(m[1]!);
}

async function rpc(url: URL, method: string): Promise<unknown> {
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token')}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method }));
  const reply = await new Promise<{ result: unknown }>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
  ws.close();
  return reply.result;
}

describe('arxos', () => {
  it('--help exits 0; a bad flag exits 2 with a clear message', async () => {
    const help = arxos('--help');
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(/serve/);
    const bad = arxos('serve', '--bogus');
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toBe("arxos serve: unknown flag --bogus\nRun 'arxos serve --help' for usage.\n");
  });

  it('serve prints a URL that opens the console, applies --config, and stops cleanly on SIGTERM', async () => {
    const data = dir();
    const config = path.join(data, 'site.json');
    fs.writeFileSync(config, JSON.stringify({ site: { name: 'Test site' }, demo: { enabled: false } }));
    const run = arxos('serve', '--data-dir', data, '--port', '0', '--config', config);
    const url = await consoleUrl(run);
    const token = fs.readFileSync(path.join(data, 'console.token'), 'utf8').trim();
    expect(url.searchParams.get('token')).toBe(token);
    expect(url.hostname).toBe('127.0.0.1');
    expect(run.stdout()).toContain(`data dir  ${data}`);
    expect((await fetch(new URL('/auth/check', url), { headers: { Authorization: `Bearer ${token}` } })).status).toBe(204);
    expect(await rpc(url, 'system.health')).toMatchObject({ site: 'Test site', demo: false });

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toMatch(/SIGTERM: stopping.*\nstopped\n$/);
  });

  it('serve with no configuration runs the demo site, prints its broker, and flushes on SIGINT', { timeout: 90_000 }, async () => {
    const data = dir();
    const run = arxos('serve', '--data-dir', data, '--port', '0');
    const url = await consoleUrl(run);
    expect(run.stdout()).toMatch(/broker +mqtt:\/\/127\.0\.0\.1:\d+ \(embedded/);
    let stored = 0;
    await waitFor(
      async () => {
        stored = ((await rpc(url, 'system.health')) as { ingest: { stored: number } }).ingest.stored;
        return stored > 0;
      },
      60_000,
      'the demo site to store samples',
    );
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    // Everything the core reported as stored before the signal is in the file after the stop.
    const db = new Database(path.join(data, 'site.db'), { readonly: true });
    const { n } = db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number };
    db.close();
    expect(n).toBeGreaterThanOrEqual(stored);
  });

  it('serve on a port in use exits 1 and says so', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const data = dir();
      const config = path.join(data, 'site.json');
      fs.writeFileSync(config, JSON.stringify({ demo: { enabled: false } }));
      const run = arxos('serve', '--data-dir', data, '--port', String(port), '--config', config);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain(`arxos: port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});
