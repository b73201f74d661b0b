import type { Handlers } from '../dispatcher';
import { eventHandlers } from './events';
import { pointHandlers } from './points';
import type { Services } from './services';
import { systemHandlers } from './system';

export type { Services } from './services';

/** The handler table: one file per area of the contract; the type check fails on a missing method. */
export function createHandlers(s: Services): Handlers {
  return {
    ...systemHandlers(s),
    ...pointHandlers(s),
    ...eventHandlers(),
  };
}
