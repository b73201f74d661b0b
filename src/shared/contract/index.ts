import type { z } from 'zod';
import { events, type EventName } from './events';
import { methods, type MethodName } from './methods';

export { events, eventNames, type EventName } from './events';
export { methods, methodNames, type MethodName } from './methods';

/** What a caller passes (defaults may be left out). */
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
/** What a handler receives, after parsing and defaults. */
export type MethodParams<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

/** Methods whose input may be left out entirely. */
export type InputArgs<M extends MethodName> = undefined extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
