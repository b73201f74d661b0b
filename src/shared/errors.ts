/**
 * Typed errors that cross the contract. Codes follow JSON-RPC 2.0 where it has one,
 * and use the implementation-defined range (-32000..-32099) for the rest.
 */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  Internal: -32603,
  Unauthorized: -32001,
  Forbidden: -32003,
  NotFound: -32004,
  Conflict: -32009,
  Unavailable: -32010,
} as const;

export interface ErrorBody {
  code: number;
  message: string;
  data?: unknown;
}

export class ApiError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.data = data;
  }

  toBody(): ErrorBody {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  static fromBody(body: ErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.data);
  }
}

export const notFound = (what: string): ApiError => new ApiError(ErrorCode.NotFound, `${what} not found`);
export const invalidParams = (message: string, data?: unknown): ApiError => new ApiError(ErrorCode.InvalidParams, message, data);

/** One problem with an input: where (field path) and what. Zod's issues have this shape. */
export interface FieldIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** `maxPoints: Too big: expected number to be <=20000` — the field first, then what is wrong with it. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/** The InvalidParams error of a method, its message naming each field and its data listing them. */
export function invalidParamsFor(method: string, issues: readonly FieldIssue[]): ApiError {
  return new ApiError(ErrorCode.InvalidParams, `invalid params for ${method}: ${describeIssues(issues)}`, {
    issues: issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  });
}

/** The message of anything thrown, for showing it: an Error's message, or the value in words. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
