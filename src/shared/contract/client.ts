import type { EventName, EventPayload, InputArgs, MethodName, MethodOutput } from './index';

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
  /** Listen to an event; the first listener subscribes, the last one to leave unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

type Listener = (payload: unknown) => void;

export function createClient(wire: Wire): ArxosClient {
  const listeners = new Map<string, Set<Listener>>();

  wire.onEvent((name, payload) => {
    for (const l of listeners.get(name) ?? []) l(payload);
  });
  wire.onReconnect(() => {
    const active = [...listeners.keys()];
    if (active.length > 0) void wire.request('events.subscribe', { events: active }).catch(() => undefined);
  });

  return {
    call: (method, ...args) => wire.request(method, args[0]) as never,
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
        void wire.request('events.subscribe', { events: [name] }).catch(() => undefined);
      }
      set.add(listener as Listener);
      return () => {
        const current = listeners.get(name);
        if (!current?.delete(listener as Listener) || current.size > 0) return;
        listeners.delete(name);
        void wire.request('events.unsubscribe', { events: [name] }).catch(() => undefined);
      };
    },
  };
}
