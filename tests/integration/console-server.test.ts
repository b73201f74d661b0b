import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startConsoleServer, type ConsoleServer } from '../../src/core/console/console-server';
import { ErrorCode } from '../../src/shared/errors';
import type { RpcFailure, RpcNotification, RpcResponse, RpcSuccess } from '../../src/shared/rpc';
import { startTempCore } from '../helpers/temp-core';
import { tempDir } from '../helpers/temp-dir';

// A real core on a real SQLite file, the console on a free loopback port, real `ws` clients.
let env: Awaited<ReturnType<typeof startTempCore>>;
let server: ConsoleServer;
let site: string;
let base: string;

beforeAll(async () => {
  env = await startTempCore();
  // A stand-in for out/renderer: real files on disk, with a secret just outside the root.
  site = tempDir();
  const rendererDir = path.join(site, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, '.hidden'), 'hidden');
  fs.writeFileSync(path.join(site, 'package.json'), '{"secret": true}');
  server = await startConsoleServer({ core: env.core, dataDir: env.dir, rendererDir, host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.stop();
  await env.close();
  fs.rmSync(site, { recursive: true, force: true });
});

/** An open, authorised socket that collects everything the server sends. */
async function connect(url = `ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, options: WebSocket.ClientOptions = {}) {
  const ws = new WebSocket(url, options);
  const inbox: (RpcResponse | RpcNotification | RpcResponse[])[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    inbox.push(JSON.parse(String(data)));
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async <T>(match: (m: (typeof inbox)[number]) => m is T & (typeof inbox)[number]): Promise<T> => {
    for (;;) {
      const i = inbox.findIndex(match);
      if (i >= 0) return inbox.splice(i, 1)[0] as T;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  let nextId = 1;
  const request = async (method: string, params?: unknown): Promise<RpcResponse> => {
    const id = nextId++;
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return next((m): m is RpcResponse => !Array.isArray(m) && 'id' in m && m.id === id);
  };
  return { ws, inbox, next, request };
}

/** The HTTP status a WebSocket upgrade gets when it is refused. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('error', () => undefined);
  });
}

describe('the contract over JSON-RPC on /rpc', () => {
  it('answers system.health and points.list', async () => {
    const c = await connect();
    const health = (await c.request('system.health')) as RpcSuccess;
    expect(health.result).toMatchObject({ version: expect.any(String), demo: false, brokers: [] });
    const list = (await c.request('points.list', { limit: 10 })) as RpcSuccess;
    expect(list.result).toEqual({ points: [], total: 0 });
    c.ws.close();
  });

  it('answers a bad parameter with -32602 naming the field', async () => {
    const c = await connect();
    const res = (await c.request('history.query', { point: 1, from: 0, to: 10, maxPoints: 'lots' })) as RpcFailure;
    expect(res.error.code).toBe(ErrorCode.InvalidParams);
    expect(res.error.message).toMatch(/maxPoints/);
    c.ws.close();
  });

  it('answers an unknown method with -32601 and bad JSON with -32700, and keeps the socket open', async () => {
    const c = await connect();
    expect(((await c.request('points.bogus')) as RpcFailure).error.code).toBe(ErrorCode.MethodNotFound);
    c.ws.send('{"jsonrpc": "2.0", "id": 7, "method": ');
    const parse = await c.next((m): m is RpcFailure => !Array.isArray(m) && 'error' in m && m.id === null);
    expect(parse.error.code).toBe(ErrorCode.ParseError);
    c.ws.send(JSON.stringify({ jsonrpc: '1.0', id: 8, method: 'system.health' }));
    const envelope = await c.next((m): m is RpcFailure => !Array.isArray(m) && 'id' in m && m.id === 8);
    expect(envelope.error).toMatchObject({ code: ErrorCode.InvalidRequest, message: expect.stringMatching(/jsonrpc/) });
    c.ws.send(Buffer.from('{}'), { binary: true });
    const binary = await c.next((m): m is RpcFailure => !Array.isArray(m) && 'error' in m && m.error.code === ErrorCode.InvalidRequest);
    expect(binary.error.message).toMatch(/binary frames/);
    expect(((await c.request('system.health')) as RpcSuccess).result).toBeTruthy();
    c.ws.close();
  });

  it('answers a batch with one response per request, none for notifications', async () => {
    const c = await connect();
    c.ws.send(
      JSON.stringify([
        { jsonrpc: '2.0', id: 'a', method: 'system.health' },
        { jsonrpc: '2.0', method: 'system.health' },
        { jsonrpc: '2.0', id: 'b', method: 'nope' },
      ]),
    );
    const batch = await c.next((m): m is RpcResponse[] => Array.isArray(m));
    expect(batch.map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect(batch.find((r) => r.id === 'b')).toMatchObject({ error: { code: ErrorCode.MethodNotFound } });
    c.ws.close();
  });

  it('pushes system.status after events.subscribe and stops after events.unsubscribe', async () => {
    const c = await connect();
    expect(((await c.request('events.subscribe', { events: ['system.status'] })) as RpcSuccess).result).toEqual({ events: ['system.status'] });
    const status = await c.next((m): m is RpcNotification => !Array.isArray(m) && 'method' in m && m.method === 'system.status');
    expect(status.params).toMatchObject({ version: expect.any(String), db: { points: 0 } });
    expect(((await c.request('events.unsubscribe', {})) as RpcSuccess).result).toEqual({ events: [] });
    c.ws.close();
  });

  it('closes a socket that sends a frame over 1 MB (1009)', async () => {
    const c = await connect();
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    c.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'points.list', params: { text: 'x'.repeat(1024 * 1024) } }));
    expect(await closed).toBe(1009);
    // The server is still there for everyone else.
    const d = await connect();
    expect(((await d.request('system.health')) as RpcSuccess).result).toBeTruthy();
    d.ws.close();
  });
});

describe('access token', () => {
  it('refuses an upgrade without a token, or with a wrong one, with HTTP 401', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/rpc`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/rpc?token=wrong`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/rpc`, { Authorization: 'Bearer wrong' })).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/elsewhere?token=${server.token}`)).toBe(404);
  });

  it('accepts the token as a Bearer header as well as ?token=', async () => {
    const c = await connect(`ws://127.0.0.1:${server.port}/rpc`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(((await c.request('system.health')) as RpcSuccess).result).toBeTruthy();
    c.ws.close();
  });

  it('GET /auth/check: 204 with the token, 401 without or with a wrong one', async () => {
    const check = (headers: Record<string, string> = {}, query = '') => fetch(`${base}/auth/check${query}`, { headers }).then((r) => r.status);
    expect(await check({ Authorization: `Bearer ${server.token}` })).toBe(204);
    expect(await check({}, `?token=${server.token}`)).toBe(204);
    expect(await check()).toBe(401);
    expect(await check({ Authorization: 'Bearer wrong' })).toBe(401);
    expect(await check({ Authorization: `Basic ${server.token}` })).toBe(401);
  });

  it('keeps the token in DIR/console.token, mode 0600, the same across restarts', async () => {
    expect(server.tokenFile).toBe(path.join(env.dir, 'console.token'));
    expect(fs.readFileSync(server.tokenFile, 'utf8').trim()).toBe(server.token);
    if (process.platform !== 'win32') expect(fs.statSync(server.tokenFile).mode & 0o777).toBe(0o600);
    const again = await startConsoleServer({ core: env.core, dataDir: env.dir, rendererDir: site, host: '127.0.0.1', port: 0 });
    expect(again.token).toBe(server.token);
    expect(again.urls).toEqual([`http://127.0.0.1:${again.port}/?token=${server.token}`]);
    await again.stop();
  });
});

describe('static files of the renderer', () => {
  it('serves index.html and assets with the CSP header and their content types', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = index.headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(index.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await index.text()).toContain('<title>console</title>');

    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('falls back to index.html for app routes but not for missing files', async () => {
    const route = await fetch(`${base}/points/42`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>console</title>');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/.hidden`)).status).toBe(404);
  });

  it('refuses paths that climb out of the root', async () => {
    // fetch() would normalise `..` away; send the raw paths over a plain socket-level request.
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const { status, body } = await rawGet(server.port, p);
      expect(status, p).toBe(400);
      expect(body, p).not.toContain('secret');
    }
  });

  it('refuses other methods', async () => {
    expect((await fetch(`${base}/`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('TLS for a non-loopback host', () => {
  it('generates a self-signed certificate on first use, reuses it, and prints its fingerprint', async () => {
    const dataDir = tempDir();
    try {
      const first = await startConsoleServer({ core: env.core, dataDir, rendererDir: path.join(site, 'renderer'), host: '0.0.0.0', port: 0 });
      expect(first.tls?.generated).toBe('first use');
      expect(first.urls.every((u) => u.startsWith('https://'))).toBe(true);
      const certPem = fs.readFileSync(path.join(dataDir, 'console-tls.crt'), 'utf8');
      expect(first.tls?.fingerprint256).toBe(new crypto.X509Certificate(certPem).fingerprint256);
      if (process.platform !== 'win32') expect(fs.statSync(path.join(dataDir, 'console-tls.key')).mode & 0o777).toBe(0o600);

      // A client that trusts exactly this certificate reaches the console and sees the printed fingerprint.
      const seen = await new Promise<{ status: number; fingerprint: string }>((resolve, reject) => {
        const req = https.get(
          { host: '127.0.0.1', port: first.port, path: '/auth/check', ca: certPem, headers: { Authorization: `Bearer ${first.token}` } },
          (res) => {
            resolve({ status: res.statusCode ?? 0, fingerprint: (res.socket as TLSSocket).getPeerCertificate().fingerprint256 });
            res.resume();
          },
        );
        req.on('error', reject);
      });
      expect(seen).toEqual({ status: 204, fingerprint: first.tls?.fingerprint256 });

      const wss = await connect(`wss://127.0.0.1:${first.port}/rpc?token=${first.token}`, { ca: certPem });
      expect(((await wss.request('system.health')) as RpcSuccess).result).toBeTruthy();
      wss.ws.close();
      await first.stop();

      const second = await startConsoleServer({ core: env.core, dataDir, rendererDir: path.join(site, 'renderer'), host: '0.0.0.0', port: 0 });
      expect(second.tls).toEqual({ fingerprint256: first.tls?.fingerprint256, generated: null });
      await second.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** A GET with the path exactly as given: no client-side normalisation of `..`. */
async function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET ${rawPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1]), body: data }));
    socket.on('error', reject);
  });
}
