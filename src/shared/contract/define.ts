import type { z } from 'zod';
import type { Role } from '../roles';

/** One call of the contract: what it takes, what it gives, who may make it. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, P extends string = string> {
  input: I;
  output: O;
  permission: P;
  summary: string;
}

/**
 * What a subscriber may narrow an event to (e.g. some points of `points.changed`). The hub applies
 * it per subscriber and a client applies it per listener, so no transport knows an event's shape.
 */
export interface EventFilter<Payload = unknown, Input = unknown, Compiled = unknown> {
  input: z.ZodType<Input>;
  compile(input: Input): Compiled;
  /** The part of the payload the filter lets through; null when nothing is left. */
  apply(payload: Payload, compiled: Compiled): Payload | null;
  /** One filter that lets through what either lets through (a client with several listeners subscribes once). */
  union(a: Input, b: Input): Input;
}

/**
 * An event whose payload is a set of latest states keyed by id: under back-pressure a transport may
 * drop its notifications, remember the keys, and send one catch-up notification built from `method`.
 */
export interface EventResync<Payload = unknown> {
  keys(payload: Payload): Iterable<number>;
  method: string;
  params(keys: number[]): unknown;
  payload(result: unknown): Payload;
}

/** One pushed event: its payload, the permission needed to receive it, and how it may be narrowed. */
export interface EventSpec<P extends z.ZodType = z.ZodType, Perm extends string = string> {
  payload: P;
  permission: Perm;
  summary: string;
  filter?: EventFilter<z.output<P>>;
  resync?: EventResync<z.output<P>>;
}

/** A permission an area declares: what it allows and the roles that hold it (admin holds every one). */
export interface PermissionSpec {
  summary: string;
  roles: readonly Role[];
}

/** One area of the contract (alarms, points, ...): its permissions, methods and events, in one file. */
export interface AreaSpec<
  Perms extends Record<string, PermissionSpec> = Record<string, PermissionSpec>,
  Methods extends Record<string, MethodSpec> = Record<string, MethodSpec>,
  Events extends Record<string, EventSpec> = Record<string, EventSpec>,
> {
  permissions: Perms;
  methods: Methods;
  events: Events;
}

/** The permission is taken from the spec alone (NoInfer), so that it stays a literal the contract checks. */
export const method = <I extends z.ZodType, O extends z.ZodType, P extends string>(spec: MethodSpec<I, O, P>): MethodSpec<I, O, NoInfer<P>> => spec;

export const event = <P extends z.ZodType, Perm extends string, F, C>(
  spec: Omit<EventSpec<P, Perm>, 'filter'> & { filter?: EventFilter<z.output<P>, F, C> },
): EventSpec<P, NoInfer<Perm>> => spec as EventSpec<P, Perm>;

export const area = <
  Perms extends Record<string, PermissionSpec> = Record<never, PermissionSpec>,
  Methods extends Record<string, MethodSpec> = Record<never, MethodSpec>,
  Events extends Record<string, EventSpec> = Record<never, EventSpec>,
>(spec: {
  permissions?: Perms;
  methods?: Methods;
  events?: Events;
}): AreaSpec<Perms, Methods, Events> => ({
  permissions: spec.permissions ?? ({} as Perms),
  methods: spec.methods ?? ({} as Methods),
  events: spec.events ?? ({} as Events),
});
