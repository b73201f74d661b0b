import type { Handlers } from '../dispatcher';
import { brokerHandlers } from './brokers';
import { deviceHandlers } from './devices';
import { eventHandlers } from './events';
import { ingestHandlers } from './ingest';
import { pointHandlers } from './points';
import { storageHandlers } from './storage';
import type { Services } from './services';
import { spaceHandlers } from './spaces';
import { systemHandlers } from './system';

export type { Services } from './services';

/** The handler table: one file per area of the contract; the type check fails on a missing method. */
export function createHandlers(s: Services): Handlers {
  return {
    ...systemHandlers(s),
    ...pointHandlers(s),
    ...spaceHandlers(s),
    ...storageHandlers(s),
    ...brokerHandlers(s),
    ...deviceHandlers(s),
    ...ingestHandlers(s),
    ...eventHandlers(),
  };
}
