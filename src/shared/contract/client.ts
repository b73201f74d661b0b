import { eventSpec, type EventFilterInput, type EventName, type EventPayload, type InputArgs, type MethodName, type MethodOutput } from './index';

/**
 * What a transport must provide: a request/response channel and a way to hear pushed
 * events. The Electron preload and the WebSocket client each implement one.
 */
export interface Wire {
  /** Resolves with the result or rejects with an ApiError. */
  request(method: string, params: unknown): Promise<unknown>;
  /** The single sink for events pushed by the core. */
  onEvent(sink: (event: string, payload: unknown) => void): void;
  /** Called after the transport re-established itself, so subscriptions are renewed. */
  onReconnect(callback: () => void): void;
}

/** The renderer's view of the core: identical over IPC and WebSocket. */
export interface ArxosClient {
  call<M extends MethodName>(method: M, ...args: InputArgs<M>): Promise<MethodOutput<M>>;
  /**
   * Listen to an event, narrowed by `filter` for events that declare one (`{ ids }` of points.changed).
   * The client subscribes once per event with the union of its listeners' filters and gives each
   * listener only what its own filter lets through.
   */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void, filter?: EventFilterInput<E>): () => void;
}

interface Listener {
  deliver: (payload: unknown) => void;
  /** The listener's filter as given, and compiled; undefined: everything. */
  filter: unknown;
  compiled: unknown;
}

export function createClient(wire: Wire): ArxosClient {
  const listeners = new Map<EventName, Set<Listener>>();
  /** What the core was last asked to send per event: `null` whole, a filter input, or absent. */
  const subscribed = new Map<EventName, unknown>();
  const dirty = new Set<EventName>();
  let flushing = false;

  /** The one subscription that covers every listener of an event. */
  const wanted = (name: EventName): unknown => {
    const spec = eventSpec(name);
    let union: unknown = undefined;
    for (const l of listeners.get(name) ?? []) {
      if (l.filter === undefined || !spec.filter) return null;
      union = union === undefined ? l.filter : spec.filter.union(union, l.filter);
    }
    return union;
  };

  const sync = (names: Iterable<EventName>, force = false): void => {
    const add: EventName[] = [];
    const filters: Record<string, unknown> = {};
    const remove: EventName[] = [];
    for (const name of names) {
      const want = wanted(name);
      const had = subscribed.get(name);
      if (want === undefined) {
        if (subscribed.delete(name)) remove.push(name);
        continue;
      }
      if (!force && subscribed.has(name) && JSON.stringify(had) === JSON.stringify(want)) continue;
      subscribed.set(name, want);
      add.push(name);
      if (want !== null) filters[name] = want;
    }
    if (add.length > 0) void wire.request('events.subscribe', { events: add, ...(Object.keys(filters).length > 0 ? { filters } : {}) }).catch(() => undefined);
    if (remove.length > 0) void wire.request('events.unsubscribe', { events: remove }).catch(() => undefined);
  };

  // Listeners come and go in bursts (a table mounting its rows): one subscribe per turn, not one per listener.
  const schedule = (name: EventName): void => {
    dirty.add(name);
    if (flushing) return;
    flushing = true;
    queueMicrotask(() => {
      flushing = false;
      const names = [...dirty];
      dirty.clear();
      sync(names);
    });
  };

  wire.onEvent((name, payload) => {
    const set = listeners.get(name as EventName);
    if (!set) return;
    const filter = eventSpec(name as EventName).filter;
    for (const l of set) {
      if (l.compiled === undefined || !filter) l.deliver(payload);
      else {
        const mine = filter.apply(payload, l.compiled);
        if (mine !== null) l.deliver(mine);
      }
    }
  });
  wire.onReconnect(() => sync([...listeners.keys()], true));

  return {
    call: (method, ...args) => wire.request(method, args[0]) as never,
    on(name, listener, filter) {
      const spec = eventSpec(name);
      const entry: Listener = {
        deliver: listener as (payload: unknown) => void,
        filter,
        compiled: filter !== undefined && spec.filter ? spec.filter.compile(filter) : undefined,
      };
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(entry);
      schedule(name);
      return () => {
        const current = listeners.get(name);
        if (!current?.delete(entry)) return;
        if (current.size === 0) listeners.delete(name);
        schedule(name);
      };
    },
  };
}
