import { ApiError, ErrorCode } from '../../../shared/errors';
import type { Handlers } from '../dispatcher';

export function eventHandlers(): Pick<Handlers, 'events.subscribe' | 'events.unsubscribe'> {
  return {
    'events.subscribe': (q, ctx) => {
      if (!ctx.subscription) throw new ApiError(ErrorCode.InvalidRequest, 'this transport does not carry events');
      return { events: ctx.subscription.subscribe(q.events, q.points) };
    },

    'events.unsubscribe': (q, ctx) => {
      if (!ctx.subscription) throw new ApiError(ErrorCode.InvalidRequest, 'this transport does not carry events');
      return { events: ctx.subscription.unsubscribe(q.events) };
    },
  };
}
