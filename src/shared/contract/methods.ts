import { method } from './define';
import { eventNames } from './events';
import { NoInput } from './schemas/common';
import { SubscribeInput, SubscriptionState, UnsubscribeInput } from './schemas/events';
import { HistoryQueryInput, HistoryQueryOutput } from './schemas/history';
import { PointsLatestInput, PointsLatestOutput, PointsListInput, PointsListOutput } from './schemas/points';
import { Health } from './schemas/system';

/** Every call of the contract. Names are `area.verb`; inputs are parsed before a handler runs. */
export const methods = {
  'system.health': method({
    input: NoInput,
    output: Health,
    permission: 'system:read',
    summary: 'Version, uptime, broker links and their state, ingest counters and rate, database size.',
  }),
  'points.list': method({
    input: PointsListInput,
    output: PointsListOutput,
    permission: 'points:read',
    summary: 'Points of the site, filtered by device, space, tags or text.',
  }),
  'points.latest': method({
    input: PointsLatestInput,
    output: PointsLatestOutput,
    permission: 'points:read',
    summary: 'Latest value, time and quality of the given points (all points when `ids` is left out).',
  }),
  'history.query': method({
    input: HistoryQueryInput,
    output: HistoryQueryOutput,
    permission: 'history:read',
    summary: 'History of one point between two times, at most `maxPoints` buckets, read from raw samples or rollups.',
  }),
  'events.subscribe': method({
    input: SubscribeInput(eventNames),
    output: SubscriptionState(eventNames),
    permission: 'system:read',
    summary: 'Start receiving the named events as notifications; adds to the current subscription.',
  }),
  'events.unsubscribe': method({
    input: UnsubscribeInput(eventNames),
    output: SubscriptionState(eventNames),
    permission: 'system:read',
    summary: 'Stop receiving the named events (all events when `events` is left out).',
  }),
};

export type MethodName = keyof typeof methods;
export const methodNames = Object.keys(methods) as [MethodName, ...MethodName[]];
