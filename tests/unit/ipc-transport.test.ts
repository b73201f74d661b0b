import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindIpcTransport, type IpcInvokeEventLike, type IpcMainLike, type WebContentsLike } from '../../src/core/api/transports/ipc';
import { bridgeWire } from '../../src/shared/contract/bridge-wire';
import { createClient } from '../../src/shared/contract/client';
import { ApiError, ErrorCode } from '../../src/shared/errors';
import type { Session } from '../../src/shared/permissions';
import { ipcChannels, type DesktopBridge, type IpcReply } from '../../src/shared/rpc';
import { startTempCore } from '../helpers/temp-core';
import { waitFor } from '../helpers/wait-for';

// The Electron runtime cannot run here (it cannot be downloaded), so ipcMain and webContents are
// stand-ins with the same methods; everything behind them (dispatcher, event hub, SQLite) is real.

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, ...args) resolves with in the window. */
  async invoke(sender: FakeWebContents, url: string, ...args: unknown[]): Promise<IpcReply> {
    const handler = this.handlers.get(ipcChannels.call);
    if (!handler) throw new Error(`No handler registered for '${ipcChannels.call}'`);
    return (await handler({ sender, senderFrame: { url } }, ...args)) as IpcReply;
  }
}

let nextId = 1;
class FakeWebContents extends EventEmitter implements WebContentsLike {
  readonly id = nextId++;
  readonly sent: { channel: string; message: { event: string; payload: unknown } }[] = [];
  private destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, message: args[0] as { event: string; payload: unknown } });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

const APP = 'app://arxos/index.html';
const desktop: Session = { user: 'desktop-user', role: 'admin', via: 'ipc' };
let env: Awaited<ReturnType<typeof startTempCore>>;
let ipc: FakeIpcMain;
let transport: { dispose(): void };

beforeAll(async () => {
  env = await startTempCore();
  ipc = new FakeIpcMain();
  transport = bindIpcTransport(ipc, {
    dispatcher: env.core.dispatcher,
    hub: env.core.hub,
    session: desktop,
    isTrustedSender: (event) => event.senderFrame?.url.startsWith('app://arxos/') ?? false,
  });
});
afterAll(async () => {
  transport.dispose();
  await env.close();
});

describe('the contract over Electron IPC', () => {
  it('answers calls with IpcReply values', async () => {
    const win = new FakeWebContents();
    const health = await ipc.invoke(win, APP, 'system.health', undefined);
    expect(health).toMatchObject({ ok: true, result: { version: expect.any(String), demo: false } });
    expect(await ipc.invoke(win, APP, 'points.list', { limit: 5 })).toEqual({ ok: true, result: { points: [], total: 0 } });
  });

  it('returns typed errors as values: bad params name the field, unknown methods are -32601', async () => {
    const win = new FakeWebContents();
    const bad = await ipc.invoke(win, APP, 'points.list', { limit: 'all' });
    expect(bad).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidParams, message: expect.stringMatching(/limit/) } });
    expect(await ipc.invoke(win, APP, 'no.such', {})).toMatchObject({ ok: false, error: { code: ErrorCode.MethodNotFound } });
    expect(await ipc.invoke(win, APP, 42, {})).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidRequest } });
  });

  it('refuses calls from a frame that is not the application', async () => {
    const win = new FakeWebContents();
    const reply = await ipc.invoke(win, 'https://example.com/', 'system.health', undefined);
    expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
  });

  it('pushes subscribed events to the window, and stops when the window is destroyed', async () => {
    const win = new FakeWebContents();
    const other = new FakeWebContents();
    expect(await ipc.invoke(win, APP, 'events.subscribe', { events: ['system.status'] })).toEqual({
      ok: true,
      result: { events: ['system.status'] },
    });
    await ipc.invoke(other, APP, 'system.health', undefined);
    await waitFor(() => win.sent.length > 0, 5000, 'a system.status event');
    expect(win.sent[0]).toMatchObject({ channel: ipcChannels.event, message: { event: 'system.status', payload: { version: expect.any(String) } } });
    // Only the window that subscribed hears it.
    expect(other.sent).toEqual([]);

    win.destroy();
    expect(env.core.hub.wants('system.status')).toBe(false);
  });

  it('the renderer client over the preload bridge keeps error codes and receives events', async () => {
    const win = new FakeWebContents();
    // What electron/preload/index.ts exposes, with ipcRenderer replaced by the stand-ins.
    const sinks: ((event: string, payload: unknown) => void)[] = [];
    const bridge: DesktopBridge = {
      call: (method, params) => ipc.invoke(win, APP, method, params),
      onEvent: (sink) => sinks.push(sink),
    };
    win.send = (_channel, ...args) => {
      const m = args[0] as { event: string; payload: unknown };
      for (const sink of sinks) sink(m.event, m.payload);
    };
    const client = createClient(bridgeWire(bridge));
    expect((await client.call('system.health')).demo).toBe(false);
    const err = await client.call('history.query', { point: 1, from: 5, to: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: ErrorCode.InvalidParams, message: expect.stringContaining('from') });
    const statuses: unknown[] = [];
    const off = client.on('system.status', (h) => statuses.push(h));
    await waitFor(() => statuses.length > 0, 5000, 'system.status through the bridge');
    off();
    win.destroy();
  });

  it('dispose() removes the handler', () => {
    const local = new FakeIpcMain();
    const t = bindIpcTransport(local, { dispatcher: env.core.dispatcher, hub: env.core.hub, session: desktop, isTrustedSender: () => true });
    expect(local.handlers.has(ipcChannels.call)).toBe(true);
    t.dispose();
    expect(local.handlers.has(ipcChannels.call)).toBe(false);
  });
});
