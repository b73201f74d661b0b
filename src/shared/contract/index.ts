import type { z } from 'zod';
import type { UnionToIntersection } from '../type-utils';
import { areas } from './areas';
import { method, type EventSpec, type MethodSpec, type PermissionSpec } from './define';
import { SubscribeInput, SubscriptionState, UnsubscribeInput } from './schemas/events';

type Areas = typeof areas;
export type AreaName = keyof Areas;
type Merged<Part extends 'methods' | 'events' | 'permissions'> = UnionToIntersection<Areas[AreaName][Part]>;

/** Joins one part of every area into one table; a name declared by two areas is a mistake caught at load. */
function merge<T>(part: 'methods' | 'events' | 'permissions'): T {
  const out: Record<string, unknown> = {};
  for (const [areaName, spec] of Object.entries(areas)) {
    for (const [name, value] of Object.entries(spec[part] as Record<string, unknown>)) {
      if (name in out) throw new Error(`contract: ${part} ${name} is declared twice (again by area ${areaName})`);
      out[name] = value;
    }
  }
  return out as T;
}

/** Every permission, with the roles holding it. */
export const permissionSpecs = merge<Merged<'permissions'>>('permissions');
export type Permission = keyof typeof permissionSpecs & string;

/** Every event the core pushes. A client receives one after `events.subscribe`. */
export const events = merge<Merged<'events'>>('events');
export type EventName = keyof typeof events & string;
export const eventNames = Object.keys(events) as [EventName, ...EventName[]];

const subscriptionMethods = {
  'events.subscribe': method({
    input: SubscribeInput(eventNames, events as Record<EventName, EventSpec>),
    output: SubscriptionState(eventNames),
    permission: 'system:read',
    summary: 'Start receiving the named events as notifications, each narrowed by its filter when `filters` gives one; adds to the current subscription.',
  }),
  'events.unsubscribe': method({
    input: UnsubscribeInput(eventNames),
    output: SubscriptionState(eventNames),
    permission: 'system:read',
    summary: 'Stop receiving the named events (all events when `events` is left out).',
  }),
};

/** Every call of the contract. Names are `area.verb`; inputs are parsed before a handler runs. */
export const methods = { ...merge<Merged<'methods'>>('methods'), ...subscriptionMethods };
export type MethodName = keyof typeof methods & string;
export const methodNames = Object.keys(methods) as [MethodName, ...MethodName[]];

/** The methods of one area: what its handler file implements. */
export type AreaMethodName<A extends AreaName> = keyof Areas[A]['methods'] & string;

// Every method and event names a declared permission: a misspelt one fails the type check here.
methods satisfies Record<string, MethodSpec<z.ZodType, z.ZodType, Permission>>;
events satisfies Record<string, EventSpec<z.ZodType, Permission>>;
permissionSpecs satisfies Record<string, PermissionSpec>;

/** What a caller passes (defaults may be left out). */
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
/** What a handler receives, after parsing and defaults. */
export type MethodParams<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;
/** What a subscriber may narrow an event to, for events that declare a filter. */
export type EventFilterInput<E extends EventName> = (typeof events)[E] extends { filter?: { input: z.ZodType<infer F> } } ? F : never;

/** Methods whose input may be left out entirely. */
export type InputArgs<M extends MethodName> = undefined extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export function eventSpec(name: EventName): EventSpec<z.ZodType, Permission> {
  return events[name] as EventSpec<z.ZodType, Permission>;
}
