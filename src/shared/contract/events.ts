import { event } from './define';
import { PointsChanged } from './schemas/events';
import { Health } from './schemas/system';

/** Every event the core pushes. A client receives one after `events.subscribe`. */
export const events = {
  'points.changed': event({
    payload: PointsChanged,
    permission: 'points:read',
    summary: 'Latest value of each point that changed, coalesced: at most one notification every 50 ms.',
  }),
  'system.status': event({
    payload: Health,
    permission: 'system:read',
    summary: 'Health of the core (broker links, ingest counters, database), every second and on every link change.',
  }),
};

export type EventName = keyof typeof events;
export const eventNames = Object.keys(events) as [EventName, ...EventName[]];
