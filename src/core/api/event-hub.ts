import { eventSpec, type EventName, type EventPayload } from '../../shared/contract';
import { ApiError, ErrorCode, invalidParamsFor } from '../../shared/errors';
import { roleHas, type Session } from '../../shared/permissions';

/** A connected client that can receive events: one per WebSocket, one per renderer window. */
export interface EventSink {
  session: Session;
  send(event: EventName, payload: unknown): void;
}

export interface Subscription {
  readonly events: ReadonlySet<EventName>;
  /** Adds events; each is narrowed by its filter in `filters` (the event's declared filter input), or received whole. */
  subscribe(names: EventName[], filters?: Partial<Record<EventName, unknown>>): EventName[];
  unsubscribe(names?: EventName[]): EventName[];
  detach(): void;
}

interface Peer extends Subscription {
  sink: EventSink;
  names: Set<EventName>;
  /** The compiled filter per event, for the events subscribed with one. */
  filters: Map<EventName, unknown>;
}

/** What a service needs to push events: whether anyone listens, and the publishing itself. */
export interface EventPublisher {
  wants(name: EventName): boolean;
  publish<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/**
 * Fans events out to the peers subscribed to them, with each peer's permissions and filters.
 * Filters are part of an event's declaration (src/shared/contract/areas): the hub knows no event's shape.
 */
export class EventHub implements EventPublisher {
  private readonly peers = new Set<Peer>();

  attach(sink: EventSink): Subscription {
    const names = new Set<EventName>();
    const filters = new Map<EventName, unknown>();
    const peer: Peer = {
      sink,
      names,
      filters,
      events: names,
      subscribe: (list, given) => {
        const compiled = new Map<EventName, unknown>();
        for (const name of list) {
          const spec = eventSpec(name);
          if (!roleHas(sink.session.role, spec.permission)) {
            throw new ApiError(ErrorCode.Forbidden, `role ${sink.session.role} may not receive ${name} (needs ${spec.permission})`);
          }
          const input = given?.[name];
          if (input === undefined) continue;
          if (!spec.filter) throw invalidParamsFor('events.subscribe', [{ path: ['filters', name], message: `${name} takes no filter` }]);
          const parsed = spec.filter.input.safeParse(input);
          if (!parsed.success) throw invalidParamsFor('events.subscribe', parsed.error.issues.map((i) => ({ ...i, path: ['filters', name, ...i.path] })));
          compiled.set(name, spec.filter.compile(parsed.data));
        }
        for (const name of list) {
          names.add(name);
          if (compiled.has(name)) filters.set(name, compiled.get(name));
          else filters.delete(name);
        }
        return [...names];
      },
      unsubscribe: (list) => {
        for (const name of list ?? [...names]) {
          names.delete(name);
          filters.delete(name);
        }
        return [...names];
      },
      detach: () => {
        this.peers.delete(peer);
      },
    };
    this.peers.add(peer);
    return peer;
  }

  wants(name: EventName): boolean {
    for (const p of this.peers) if (p.names.has(name)) return true;
    return false;
  }

  publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const filter = eventSpec(name).filter;
    for (const peer of this.peers) {
      if (!peer.names.has(name)) continue;
      const compiled = peer.filters.get(name);
      const out = compiled === undefined || !filter ? payload : filter.apply(payload, compiled);
      if (out !== null) peer.sink.send(name, out);
    }
  }
}
