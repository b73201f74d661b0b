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

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

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
export const invalidParams = (message: string, data?: unknown): ApiError =>
  new ApiError(ErrorCode.InvalidParams, message, data);
