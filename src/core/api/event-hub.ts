import type { EventName, EventPayload } from '../../shared/contract';
import { events as eventSpecs } from '../../shared/contract';
import { ApiError, ErrorCode } from '../../shared/errors';
import { roleHas, type Session } from '../../shared/permissions';

/** A connected client that can receive events: one per WebSocket, one per renderer window. */
export interface EventSink {
  session: Session;
  send(event: EventName, payload: unknown): void;
}

export interface Subscription {
  readonly events: ReadonlySet<EventName>;
  subscribe(names: EventName[], points?: number[]): EventName[];
  unsubscribe(names?: EventName[]): EventName[];
  detach(): void;
}

interface Peer extends Subscription {
  sink: EventSink;
  names: Set<EventName>;
  points: Set<number> | null;
}

/** Fans events out to the peers subscribed to them, applying each peer's filters and permissions. */
export class EventHub {
  private readonly peers = new Set<Peer>();

  attach(sink: EventSink): Subscription {
    const names = new Set<EventName>();
    const peer: Peer = {
      sink,
      names,
      points: null,
      events: names,
      subscribe: (list, points) => {
        for (const name of list) {
          const need = eventSpecs[name].permission;
          if (!roleHas(sink.session.role, need)) {
            throw new ApiError(ErrorCode.Forbidden, `role ${sink.session.role} may not receive ${name} (needs ${need})`);
          }
        }
        for (const name of list) names.add(name);
        if (points) peer.points = new Set(points);
        return [...names];
      },
      unsubscribe: (list) => {
        if (!list) names.clear();
        else for (const name of list) names.delete(name);
        if (!names.has('points.changed')) peer.points = null;
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
    for (const peer of this.peers) {
      if (!peer.names.has(name)) continue;
      if (name === 'points.changed' && peer.points) {
        const values = (payload as EventPayload<'points.changed'>).values.filter((v) => peer.points!.has(v.id));
        if (values.length > 0) peer.sink.send(name, { values });
        continue;
      }
      peer.sink.send(name, payload);
    }
  }
}
