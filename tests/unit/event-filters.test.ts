import { describe, expect, it } from 'vitest';
import { EventHub } from '../../src/core/api/event-hub';
import { createClient, type Wire } from '../../src/shared/contract/client';
import { ApiError, ErrorCode } from '../../src/shared/errors';
import type { Session } from '../../src/shared/roles';

const viewer: Session = { user: 'v', role: 'viewer', via: 'internal' };
const value = (id: number, v = id) => ({ id, ts: 1000 + id, value: v, quality: 0 });

function peer(hub: EventHub, session = viewer) {
  const got: { event: string; payload: unknown }[] = [];
  const sub = hub.attach({ session, send: (event, payload) => got.push({ event, payload }) });
  return { sub, got };
}

describe('event filters in the hub, from the event declarations', () => {
  it('narrows points.changed to the subscribed ids and sends nothing when none is left', () => {
    const hub = new EventHub();
    const a = peer(hub);
    const b = peer(hub);
    a.sub.subscribe(['points.changed'], { 'points.changed': { ids: [2, 3] } });
    b.sub.subscribe(['points.changed']);
    hub.publish('points.changed', { values: [value(1), value(2)] });
    hub.publish('points.changed', { values: [value(1)] });
    expect(a.got).toEqual([{ event: 'points.changed', payload: { values: [value(2)] } }]);
    expect(b.got).toHaveLength(2);
  });

  it('the same filter serves every event that declares it (devices.changed, points.updated)', () => {
    const hub = new EventHub();
    const a = peer(hub);
    a.sub.subscribe(['devices.changed'], { 'devices.changed': { ids: [7] } });
    hub.publish('devices.changed', { devices: [{ id: 6 }, { id: 7 }] as never });
    expect(a.got).toEqual([{ event: 'devices.changed', payload: { devices: [{ id: 7 }] } }]);
  });

  it('subscribing again without a filter receives everything; unsubscribing drops the filter', () => {
    const hub = new EventHub();
    const a = peer(hub);
    a.sub.subscribe(['points.changed'], { 'points.changed': { ids: [1] } });
    a.sub.subscribe(['points.changed']);
    hub.publish('points.changed', { values: [value(1), value(2)] });
    expect((a.got[0]!.payload as { values: unknown[] }).values).toHaveLength(2);
    a.sub.unsubscribe(['points.changed']);
    hub.publish('points.changed', { values: [value(1)] });
    expect(a.got).toHaveLength(1);
  });

  it('refuses a bad filter with the field named, and a filter on an event that takes none', () => {
    const hub = new EventHub();
    const a = peer(hub);
    const bad = (() => {
      try {
        a.sub.subscribe(['points.changed'], { 'points.changed': { ids: ['x'] } });
      } catch (err) {
        return err as ApiError;
      }
    })();
    expect(bad?.code).toBe(ErrorCode.InvalidParams);
    expect(bad?.message).toContain('filters.points.changed.ids.0');
    expect(() => a.sub.subscribe(['system.status'], { 'system.status': { ids: [1] } })).toThrow(/takes no filter/);
    expect(a.sub.events.size).toBe(0);
  });
});

/** A wire that records what the client asks of the core, and lets the test push events. */
function fakeWire() {
  const requests: { method: string; params: unknown }[] = [];
  let sink: (event: string, payload: unknown) => void = () => undefined;
  let reconnect: () => void = () => undefined;
  const wire: Wire = {
    request: async (method, params) => {
      requests.push({ method, params });
      return {};
    },
    onEvent: (s) => (sink = s),
    onReconnect: (cb) => (reconnect = cb),
  };
  return { wire, requests, push: (e: string, p: unknown) => sink(e, p), reconnect: () => reconnect() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the client: one subscription per event for all its listeners', () => {
  it('subscribes with the union of the listeners’ filters and gives each listener its own part', async () => {
    const w = fakeWire();
    const client = createClient(w.wire);
    const a: unknown[] = [];
    const b: unknown[] = [];
    client.on('points.changed', (p) => a.push(p), { ids: [1] });
    client.on('points.changed', (p) => b.push(p), { ids: [2, 3] });
    await tick();
    expect(w.requests).toEqual([{ method: 'events.subscribe', params: { events: ['points.changed'], filters: { 'points.changed': { ids: [1, 2, 3] } } } }]);
    w.push('points.changed', { values: [value(1), value(3)] });
    expect(a).toEqual([{ values: [value(1)] }]);
    expect(b).toEqual([{ values: [value(3)] }]);
  });

  it('a listener without a filter widens the subscription; the last one to leave unsubscribes', async () => {
    const w = fakeWire();
    const client = createClient(w.wire);
    const offA = client.on('points.changed', () => undefined, { ids: [1] });
    await tick();
    const offB = client.on('points.changed', () => undefined);
    await tick();
    expect(w.requests.at(-1)).toEqual({ method: 'events.subscribe', params: { events: ['points.changed'] } });
    offB();
    await tick();
    expect(w.requests.at(-1)).toEqual({ method: 'events.subscribe', params: { events: ['points.changed'], filters: { 'points.changed': { ids: [1] } } } });
    offA();
    await tick();
    expect(w.requests.at(-1)).toEqual({ method: 'events.unsubscribe', params: { events: ['points.changed'] } });
  });

  it('renews every subscription with its filters after a reconnect', async () => {
    const w = fakeWire();
    const client = createClient(w.wire);
    client.on('points.changed', () => undefined, { ids: [4] });
    client.on('system.status', () => undefined);
    await tick();
    w.requests.length = 0;
    w.reconnect();
    expect(w.requests).toEqual([
      { method: 'events.subscribe', params: { events: ['points.changed', 'system.status'], filters: { 'points.changed': { ids: [4] } } } },
    ]);
  });
});
