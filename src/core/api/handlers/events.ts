import { ApiError, ErrorCode } from '../../../shared/errors';
import type { Handlers } from '../dispatcher';

/** Subscriptions belong to the transport (one per socket or window), not to an area. */
export function eventHandlers(): Pick<Handlers, 'events.subscribe' | 'events.unsubscribe'> {
  return {
    'events.subscribe': (q, ctx) => {
      if (!ctx.subscription) throw new ApiError(ErrorCode.InvalidRequest, 'this transport does not carry events');
      return { events: ctx.subscription.subscribe(q.events, q.filters) };
    },

    'events.unsubscribe': (q, ctx) => {
      if (!ctx.subscription) throw new ApiError(ErrorCode.InvalidRequest, 'this transport does not carry events');
      return { events: ctx.subscription.unsubscribe(q.events) };
    },
  };
}
