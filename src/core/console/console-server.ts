import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Session } from '../../shared/permissions';
import { displayHosts, isLoopbackHost, isWildcardHost, urlHost } from './bind-address';
import { serveRpcSocket, type RpcCore } from '../api/transports/websocket';
import { securityHeaders } from './security-headers';
import { resolveStatic } from './static-files';
import { loadOrCreateCertificate } from './tls';
import { loadOrCreateToken, presentedToken, tokenMatches } from './token';

/** Incoming WebSocket frames larger than this close the socket (1009); no contract call needs more. */
export const MAX_FRAME_BYTES = 1024 * 1024;

const CLOSE_GRACE_MS = 1000;

/** Whoever holds the token acts as this session. */
export const consoleSession: Session = { user: 'console', role: 'admin', via: 'ws' };

export interface ConsoleOptions {
  core: RpcCore;
  /** Where the token and the TLS certificate are kept. */
  dataDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface ConsoleServer {
  /** URLs to open, token included: one per address for a wildcard bind. */
  urls: string[];
  port: number;
  token: string;
  tokenFile: string;
  /** Present when served over TLS (any non-loopback host). */
  tls: { fingerprint256: string; generated: string | null } | null;
  /** Closes every client, then the listener. */
  stop(): Promise<void>;
}

/**
 * Serve mode's front door: the built renderer as static files, `GET /auth/check` for the UI's
 * token prompt, and the contract as JSON-RPC over the WebSocket at `/rpc`. Loopback binds use
 * plain HTTP; any other host gets HTTPS with a self-signed certificate kept in the data dir.
 */
export async function startConsoleServer(o: ConsoleOptions): Promise<ConsoleServer> {
  const { token, file: tokenFile } = loadOrCreateToken(o.dataDir);
  const hosts = displayHosts(o.host);
  const secure = !isLoopbackHost(o.host);
  const cert = secure ? await loadOrCreateCertificate(o.dataDir, isWildcardHost(o.host) ? hosts : [o.host]) : null;

  const authorized = (req: http.IncomingMessage, url: URL) => tokenMatches(token, presentedToken(req.headers.authorization, url));
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // A request that fails half-way (a file vanishing mid-read) costs that response, never the process.
    handleHttp(req, res, o.rendererDir, authorized).catch(() => res.destroy());
  };
  const server = cert ? https.createServer({ cert: cert.cert, key: cert.key }, handler) : http.createServer(handler);

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(req);
    if (url.pathname !== '/rpc') return refuseUpgrade(socket, 404, 'Not Found');
    if (!authorized(req, url)) return refuseUpgrade(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serveRpcSocket(ws, o.core, consoleSession));
  });
  // A client that drops mid-handshake must not take the server down.
  server.on('clientError', (_err: Error, socket: Duplex) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(describeListenError(err, o.host, o.port)));
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = secure ? 'https' : 'http';

  return {
    urls: hosts.map((h) => `${scheme}://${urlHost(h)}:${port}/?token=${token}`),
    port,
    token,
    tokenFile,
    tls: cert ? { fingerprint256: cert.fingerprint256, generated: cert.generated } : null,
    async stop() {
      // ws reports 'close' once its last client is gone; a client that ignores the close frame is cut off.
      const clientsGone = new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const ws of wss.clients) ws.close(1001, 'server stopping');
      const cutOff = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, CLOSE_GRACE_MS);
      await clientsGone;
      clearTimeout(cutOff);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function requestUrl(req: http.IncomingMessage): URL {
  // Only the path and query are used; the base is never shown to anyone.
  return new URL(req.url ?? '/', 'http://console.invalid');
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  const auth = status === 401 ? 'WWW-Authenticate: Bearer realm="arxos"\r\n' : '';
  socket.end(`HTTP/1.1 ${status} ${text}\r\n${auth}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}

function describeListenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new Error(`port ${port} on ${host} is already in use: pick another with --port N (0 picks a free one)`);
    case 'EACCES':
      return new Error(`not allowed to listen on port ${port}: ports below 1024 need privileges; pick another with --port N`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new Error(`cannot listen on ${host}: no network interface of this machine has that address`);
    default:
      return new Error(`cannot listen on ${host}:${port}: ${err.message}`);
  }
}

async function handleHttp(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  rendererDir: string,
  authorized: (req: http.IncomingMessage, url: URL) => boolean,
): Promise<void> {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  const rawPath = (req.url ?? '/').split('?')[0]!;
  const url = requestUrl(req);

  if (url.pathname === '/auth/check') {
    res.setHeader('Cache-Control', 'no-store');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    if (authorized(req, url)) return void res.writeHead(204).end();
    return plain(res, 401, 'a valid access token is needed', { 'WWW-Authenticate': 'Bearer realm="arxos"' });
  }
  if (url.pathname === '/rpc') return plain(res, 426, 'the contract is served over a WebSocket here', { Upgrade: 'websocket' });
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });

  // The raw path, not the normalised URL: `/../x` must be refused, not quietly turned into `/x`.
  const hit = await resolveStatic(rendererDir, rawPath);
  if (!hit.found) return plain(res, hit.status, hit.message);
  res.writeHead(200, {
    'Content-Type': hit.contentType,
    'Content-Length': hit.size,
    'Cache-Control': hit.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(hit.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function plain(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
}
