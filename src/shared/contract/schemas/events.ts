import { z } from 'zod';
import { Id } from './common';
import { LatestValue } from './points';

export const PointsChanged = z.object({ values: z.array(LatestValue) });

export const SubscribeInput = <T extends readonly [string, ...string[]]>(eventNames: T) =>
  z
    .object({
      events: z.array(z.enum(eventNames)).min(1),
      /** Only these points in `points.changed`; all points when left out. */
      points: z.array(Id).max(100_000).optional(),
    })
    .strict();

export const UnsubscribeInput = <T extends readonly [string, ...string[]]>(eventNames: T) =>
  z
    .object({ events: z.array(z.enum(eventNames)).optional() })
    .strict()
    .optional()
    .default({});

export const SubscriptionState = <T extends readonly [string, ...string[]]>(eventNames: T) =>
  z.object({ events: z.array(z.enum(eventNames)) });
