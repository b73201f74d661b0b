import type { ErrorBody } from '../../../shared/errors';
import { ApiError, ErrorCode } from '../../../shared/errors';
import type { RpcFailure, RpcResponse } from '../../../shared/rpc';

/** Runs one call; rejects with an ApiError for a failure the caller should see as it is. */
export type Invoke = (method: string, params: unknown) => Promise<unknown>;

/** A batch larger than this is refused as a whole; the UI never needs more than a few at once. */
export const MAX_BATCH = 100;

const failure = (id: RpcFailure['id'], error: ErrorBody): RpcFailure => ({ jsonrpc: '2.0', id, error });
const invalid = (id: RpcFailure['id'], message: string): RpcFailure => failure(id, { code: ErrorCode.InvalidRequest, message });

/**
 * Answers one JSON-RPC 2.0 text frame: a request, a notification or a batch. Returns what to
 * send back, or null when nothing is owed (notifications only). Never throws: bad JSON is
 * -32700, a malformed envelope -32600, and a handler's failure its ApiError body.
 */
export async function answerFrame(text: string, invoke: Invoke): Promise<RpcResponse | RpcResponse[] | null> {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (err) {
    return failure(null, { code: ErrorCode.ParseError, message: `parse error: ${(err as Error).message}` });
  }
  if (!Array.isArray(message)) return answerOne(message, invoke);
  if (message.length === 0) return invalid(null, 'empty batch');
  if (message.length > MAX_BATCH) return invalid(null, `batch of ${message.length} requests; at most ${MAX_BATCH} are accepted`);
  const answers = await Promise.all(message.map((m) => answerOne(m, invoke)));
  const owed = answers.filter((a): a is RpcResponse => a !== null);
  return owed.length > 0 ? owed : null;
}

async function answerOne(message: unknown, invoke: Invoke): Promise<RpcResponse | null> {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return invalid(null, 'a request must be a JSON object');
  }
  const m = message as Record<string, unknown>;
  const isNotification = !('id' in m);
  const id = m.id;
  // A null id is allowed by the spec but discouraged; refusing it keeps every answer matchable.
  if (!isNotification && typeof id !== 'string' && typeof id !== 'number') {
    return invalid(null, 'id must be a string or a number');
  }
  const replyId = isNotification ? null : (id as string | number);
  if (m.jsonrpc !== '2.0') return invalid(replyId, 'jsonrpc must be "2.0"');
  if (typeof m.method !== 'string' || m.method === '') return invalid(replyId, 'method must be a non-empty string');
  if (m.params !== undefined && (typeof m.params !== 'object' || m.params === null)) {
    return invalid(replyId, 'params must be an object when given');
  }
  try {
    const result = await invoke(m.method, m.params);
    return replyId === null ? null : { jsonrpc: '2.0', id: replyId, result: result ?? null };
  } catch (err) {
    if (replyId === null) return null;
    const body =
      err instanceof ApiError ? err.toBody() : { code: ErrorCode.Internal, message: `${m.method} failed: ${(err as Error).message ?? String(err)}` };
    return failure(replyId, body);
  }
}
