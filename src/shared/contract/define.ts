import type { z } from 'zod';
import type { Permission } from '../permissions';

/** One call of the contract: what it takes, what it gives, who may make it. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: Permission;
  summary: string;
}

/** One pushed event: its payload and the permission needed to receive it. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P;
  permission: Permission;
  summary: string;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> => spec;
export const event = <P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> => spec;
