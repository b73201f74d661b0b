import { z } from 'zod';
import type { EventSpec } from '../define';

type Names = readonly [string, ...string[]];

/** `{ events, filters }`: each listed event is received from now on, narrowed by its filter when one is given. */
export const SubscribeInput = <T extends Names>(eventNames: T, specs: Record<T[number], EventSpec>) => {
  const filters: Record<string, z.ZodType> = {};
  for (const name of eventNames) {
    const filter = specs[name as T[number]].filter;
    if (filter) filters[name] = filter.input.optional();
  }
  return z
    .object({
      events: z.array(z.enum(eventNames)).min(1),
      /** Per event, what to receive of it (see each event's filter); an event listed without one is received whole. */
      filters: z.object(filters).strict().optional(),
    })
    .strict();
};

export const UnsubscribeInput = <T extends Names>(eventNames: T) =>
  z
    .object({ events: z.array(z.enum(eventNames)).optional() })
    .strict()
    .optional()
    .default({});

export const SubscriptionState = <T extends Names>(eventNames: T) => z.object({ events: z.array(z.enum(eventNames)) });
