import { isMethodName, methods, type AreaMethodName, type AreaName, type MethodName, type MethodOutput, type MethodParams } from '../../shared/contract';
import { ApiError, ErrorCode, invalidParamsFor } from '../../shared/errors';
import { roleHas, type Session } from '../../shared/permissions';
import type { Subscription } from './event-hub';

export interface CallContext {
  session: Session;
  /** The caller's event subscription, for transports that carry events. */
  subscription?: Subscription;
}

/** The core's implementation of every contract method; a missing or mistyped one fails the type check. */
export type Handlers = {
  [M in MethodName]: (params: MethodParams<M>, ctx: CallContext) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** The handlers of one contract area: what its file in handlers/ returns. */
export type AreaHandlers<A extends AreaName> = Pick<Handlers, AreaMethodName<A> & MethodName>;

/**
 * The one place every call passes through, whatever the transport: method lookup,
 * input parsing, permission check. Handlers only ever see parsed input.
 */
export class Dispatcher {
  constructor(private readonly handlers: Handlers) {}

  async call(ctx: CallContext, name: string, params: unknown): Promise<unknown> {
    if (!isMethodName(name)) throw new ApiError(ErrorCode.MethodNotFound, `unknown method ${JSON.stringify(name)}`);
    const spec = methods[name];
    if (!roleHas(ctx.session.role, spec.permission)) {
      throw new ApiError(ErrorCode.Forbidden, `role ${ctx.session.role} may not call ${name} (needs ${spec.permission})`);
    }
    const parsed = spec.input.safeParse(params === null ? undefined : params);
    if (!parsed.success) throw invalidParamsFor(name, parsed.error.issues);
    const handler = this.handlers[name] as (p: unknown, c: CallContext) => unknown;
    try {
      return await handler(parsed.data, ctx);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(ErrorCode.Internal, `${name} failed: ${(err as Error).message ?? String(err)}`);
    }
  }
}
