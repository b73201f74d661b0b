import type { DeadLetterReason } from '../../../shared/contract/schemas/ingest';

export type ReadingValue = number | boolean | string;

/** One value read from a payload; `ts` is absent when the payload carries no time. */
export interface Reading {
  value: ReadingValue;
  ts: number | undefined;
  unit: string | undefined;
}

export class DecodeError extends Error {
  constructor(
    readonly reason: DeadLetterReason,
    message: string,
  ) {
    super(message);
  }
}

export interface JsonPaths {
  valuePath: string;
  timestampPath: string;
  unitPath: string;
}

/** Seconds before this (2001-09-09) are read as seconds since the epoch, the rest as milliseconds. */
const SECONDS_LIMIT = 1e11;

function at(obj: unknown, path: string): unknown {
  if (path === '') return obj;
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function parseTimestamp(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) throw new DecodeError('bad-timestamp', `timestamp ${raw} is not a time`);
    return Math.round(raw < SECONDS_LIMIT ? raw * 1000 : raw);
  }
  if (typeof raw === 'string') {
    const t = Date.parse(raw);
    if (Number.isNaN(t)) throw new DecodeError('bad-timestamp', `timestamp ${JSON.stringify(raw.slice(0, 40))} is not a time`);
    return t;
  }
  throw new DecodeError('bad-timestamp', `timestamp of type ${typeof raw} is not a time`);
}

function toValue(raw: unknown): ReadingValue {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new DecodeError('bad-value', `value ${raw} is not finite`);
    return raw;
  }
  if (typeof raw === 'boolean' || typeof raw === 'string') return raw;
  throw new DecodeError('bad-value', `value of type ${raw === null ? 'null' : typeof raw} is not a number, boolean or string`);
}

function reading(item: unknown, paths: JsonPaths): Reading {
  const isObject = item !== null && typeof item === 'object';
  const raw = isObject ? at(item, paths.valuePath) : item;
  if (raw === undefined) throw new DecodeError('no-value', `no value at "${paths.valuePath}"`);
  const unit = isObject ? at(item, paths.unitPath) : undefined;
  return {
    value: toValue(raw),
    ts: isObject ? parseTimestamp(at(item, paths.timestampPath)) : undefined,
    unit: typeof unit === 'string' ? unit : undefined,
  };
}

/**
 * Decodes a JSON device payload: a bare number/boolean/string, an object such as
 * `{ "value": 21.5, "ts": 1700000000000, "unit": "°C" }`, or an array of either.
 */
export function decodeJson(payload: Buffer, paths: JsonPaths): Reading[] {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new DecodeError('not-json', 'payload is not valid JSON');
  }
  if (Array.isArray(doc)) {
    if (doc.length === 0) throw new DecodeError('no-value', 'empty array');
    return doc.map((item) => reading(item, paths));
  }
  return [reading(doc, paths)];
}
