import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { createClient } from '../../src/shared/contract/client';
import { ApiError, ErrorCode } from '../../src/shared/errors';
import type { RpcRequest } from '../../src/shared/rpc';
import { createWsWire, type WireState, type WsWire } from '../../src/renderer/api/ws-wire';
import { waitFor } from '../helpers/wait-for';

/**
 * The renderer's WebSocket wire against a real `ws` server speaking JSON-RPC 2.0.
 * Node 20 has no global WebSocket, so the wire is given the `ws` client class.
 */
interface Received {
  socket: ServerSocket;
  request: RpcRequest;
}

let server: WebSocketServer;
let url: string;
let received: Received[];
let connections: ServerSocket[];
let wire: WsWire | null;

const reply = (socket: ServerSocket, body: object): void => socket.send(JSON.stringify({ jsonrpc: '2.0', ...body }));

beforeEach(async () => {
  received = [];
  connections = [];
  wire = null;
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/rpc?token=t`;
  server.on('connection', (socket) => {
    connections.push(socket);
    socket.on('message', (data) => {
      const request = JSON.parse(String(data)) as RpcRequest;
      received.push({ socket, request });
      // 'hang' is never answered, so it is still pending when the socket drops.
      if (request.method === 'hang') return;
      if (request.method === 'fail') {
        reply(socket, { id: request.id, error: { code: ErrorCode.InvalidParams, message: 'from: must be before to', data: { field: 'from' } } });
        return;
      }
      if (request.method === 'events.subscribe') {
        const events = (request.params as { events: string[] }).events;
        reply(socket, { id: request.id, result: { events } });
        return;
      }
      reply(socket, { id: request.id, result: { echo: request.params ?? null, method: request.method } });
    });
  });
});

afterEach(async () => {
  wire?.close();
  for (const c of server.clients) c.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const open = (extra: Partial<Parameters<typeof createWsWire>[0]> = {}): WsWire => {
  wire = createWsWire({ url, WebSocket, minDelayMs: 10, maxDelayMs: 50, ...extra });
  return wire;
};

describe('WebSocket wire', () => {
  it('sends a JSON-RPC request and resolves with its result', async () => {
    const w = open();
    await expect(w.request('points.list', { text: 'temp' })).resolves.toEqual({ echo: { text: 'temp' }, method: 'points.list' });
    expect(received[0]!.request).toMatchObject({ jsonrpc: '2.0', method: 'points.list', params: { text: 'temp' } });
    // Left-out params are left out of the message, not sent as null.
    await w.request('system.health', undefined);
    expect('params' in received[1]!.request).toBe(false);
    expect(w.state.status).toBe('open');
  });

  it('turns a JSON-RPC error into an ApiError with code, message and data', async () => {
    const w = open();
    const error = await w.request('fail', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidParams, message: 'from: must be before to', data: { field: 'from' } });
  });

  it('delivers notifications to the listeners of that event', async () => {
    const client = createClient(open());
    const heard: unknown[] = [];
    client.on('system.status', (payload) => heard.push(payload));
    await waitFor(() => received.some((r) => r.request.method === 'events.subscribe'), 5000, 'the subscription');
    const socket = connections[0]!;
    socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'system.status', params: { site: 'HQ' } }));
    socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'points.changed', params: { values: [] } }));
    await waitFor(() => heard.length > 0, 5000, 'the notification');
    expect(heard).toEqual([{ site: 'HQ' }]);
  });

  it('rejects pending calls with an ApiError when the socket drops', async () => {
    const w = open();
    const pending = w.request('hang', {});
    await waitFor(() => received.some((r) => r.request.method === 'hang'), 5000, 'the request to arrive');
    connections[0]!.terminate();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(ErrorCode.Unavailable);
  });

  it('reconnects after a drop and renews the subscriptions of the client', async () => {
    const w = open();
    const states: WireState['status'][] = [];
    w.onState((s) => states.push(s.status));
    const client = createClient(w);
    let reconnects = 0;
    w.onReconnect(() => reconnects++);
    client.on('points.changed', () => undefined);
    client.on('system.status', () => undefined);
    // Listeners added in one turn are subscribed in one request.
    const subscribedTo = () => received.filter((r) => r.request.method === 'events.subscribe').flatMap((r) => (r.request.params as { events: string[] }).events);
    await waitFor(() => subscribedTo().length === 2, 5000, 'both subscriptions');
    expect(subscribedTo().sort()).toEqual(['points.changed', 'system.status']);

    connections[0]!.terminate();
    await waitFor(() => connections.length === 2 && reconnects === 1, 5000, 'the reconnect');
    await waitFor(() => received.some((r) => r.socket === connections[1] && r.request.method === 'events.subscribe'), 5000, 'renewed subscriptions');
    const renewed = received.find((r) => r.socket === connections[1] && r.request.method === 'events.subscribe')!;
    expect((renewed.request.params as { events: string[] }).events.sort()).toEqual(['points.changed', 'system.status']);
    expect(states).toEqual(expect.arrayContaining(['waiting', 'connecting', 'open']));

    // Calls work again over the new socket.
    await expect(w.request('system.health', undefined)).resolves.toMatchObject({ method: 'system.health' });
  });

  it('fails calls at once while waiting to reconnect, and stops when canReconnect says no', async () => {
    let allow = true;
    const w = open({ minDelayMs: 200, canReconnect: async () => allow });
    await w.request('system.health', undefined);
    allow = false;
    connections[0]!.terminate();
    await waitFor(() => w.state.status === 'waiting', 5000, 'the waiting state');
    const error = await w.request('system.health', undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(ErrorCode.Unavailable);
    await waitFor(() => w.state.status === 'refused', 5000, 'the refused state');
    expect(connections).toHaveLength(1);
  });

  it('close() rejects queued calls and ends in the closed state', async () => {
    const w = open();
    // Made before the socket opened: queued, then rejected by close().
    const queued = w.request('hang', {});
    w.close();
    await expect(queued).rejects.toBeInstanceOf(ApiError);
    expect(w.state.status).toBe('closed');
  });
});
