import type { DeadLetterReason } from '../../../../shared/contract/schemas/ingest';

export type ReadingValue = number | boolean | string;

/** One value read from a payload; `ts` is absent when the payload carries no time. */
export interface Reading {
  value: ReadingValue;
  ts?: number | undefined;
  unit?: string | undefined;
}

/** A reading of a payload that holds several points: `key` is the payload's key, null for a one-value payload. */
export interface KeyedReading extends Reading {
  key: string | null;
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

/** Everything of a JSON mapping that decides how a payload is read. */
export interface JsonDecodeOptions extends JsonPaths {
  /** `keys`: each key of the payload object is a point. */
  points?: 'value' | 'keys' | undefined;
  ignoreKeys?: readonly string[] | undefined;
  scale?: number | undefined;
  offset?: number | undefined;
  unit?: string | undefined;
  units?: Readonly<Record<string, string>> | undefined;
}

export type JsonDecoder = (payload: Buffer) => KeyedReading[];

/** Seconds before this (2001-09-09) are read as seconds since the epoch, the rest as milliseconds. */
const SECONDS_LIMIT = 1e11;
/** Points one message may carry in keys mode; more is refused rather than creating points without end. */
export const MAX_KEYS_PER_MESSAGE = 256;
/** A payload key becomes part of a point key: longer ones are refused. */
export const MAX_KEY_LENGTH = 200;

type Path = readonly string[];

const compilePath = (path: string): Path => (path === '' ? [] : path.split('.'));

function at(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (let i = 0; i < path.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[path[i]!];
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

/** The number a numeric string such as `"21.5"` or `" 1e3 "` stands for, or NaN. */
export function numericString(s: string): number {
  return s.trim() === '' ? NaN : Number(s);
}

/** raw × scale + offset; a string must be numeric. Booleans are left alone. */
function scaled(value: ReadingValue, scale: number, offset: number): ReadingValue {
  if (typeof value === 'boolean') return value;
  const n = typeof value === 'number' ? value : numericString(value);
  if (!Number.isFinite(n)) throw new DecodeError('bad-value', `"${String(value).slice(0, 40)}" is not a number, and the mapping scales values`);
  return n * scale + offset;
}

function parse(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    throw new DecodeError('not-json', 'payload is not valid JSON');
  }
}

/**
 * Compiles a mapping's reading rules once, so that each message costs a JSON.parse and a few property
 * reads. A payload is a bare number/boolean/string, an object such as
 * `{ "value": 21.5, "ts": 1700000000000, "unit": "°C" }`, or an array of either; in keys mode an object
 * of several points such as `{ "temperature": 21.3, "humidity": 40, "ts": 1700000000 }` (or an array of them).
 */
export function compileJsonDecoder(options: JsonDecodeOptions): JsonDecoder {
  const valuePath = compilePath(options.valuePath);
  const tsPath = compilePath(options.timestampPath);
  const unitPath = compilePath(options.unitPath);
  const scale = options.scale ?? 1;
  const offset = options.offset ?? 0;
  const transform = scale !== 1 || offset !== 0;
  const unitOverride = options.unit;

  const read = (item: unknown, key: string | null, fallbackTs: number | undefined, unit: string | undefined): KeyedReading => {
    const isObject = item !== null && typeof item === 'object';
    const raw = isObject ? at(item, valuePath) : item;
    if (raw === undefined) {
      throw new DecodeError('no-value', `no value at "${options.valuePath}"${key === null ? '' : ` under "${key.slice(0, 40)}"`}`);
    }
    const value = toValue(raw);
    const itemUnit = unit ?? (isObject ? at(item, unitPath) : undefined);
    return {
      key,
      value: transform ? scaled(value, scale, offset) : value,
      ts: (isObject ? parseTimestamp(at(item, tsPath)) : undefined) ?? fallbackTs,
      unit: typeof itemUnit === 'string' ? itemUnit : undefined,
    };
  };

  if (options.points !== 'keys') {
    return (payload) => {
      const doc = parse(payload);
      if (!Array.isArray(doc)) return [read(doc, null, undefined, unitOverride)];
      if (doc.length === 0) throw new DecodeError('no-value', 'empty array');
      return doc.map((item) => read(item, null, undefined, unitOverride));
    };
  }

  // Keys mode: the top-level timestamp and unit keys, and the ignored ones, are not points.
  const skip = new Set(options.ignoreKeys ?? []);
  if (tsPath.length > 0) skip.add(tsPath[0]!);
  if (unitPath.length > 0) skip.add(unitPath[0]!);
  const units = options.units ?? {};

  const readObject = (doc: unknown, out: KeyedReading[]): void => {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new DecodeError('no-value', 'expected a JSON object of point names and values');
    }
    const ts = parseTimestamp(at(doc, tsPath));
    for (const key in doc) {
      if (skip.has(key)) continue;
      const item = (doc as Record<string, unknown>)[key];
      // Devices send null for "no reading now" (Zigbee2MQTT does): not a point value, not an error.
      if (item === null) continue;
      if (out.length >= MAX_KEYS_PER_MESSAGE) {
        throw new DecodeError('oversized', `more than ${MAX_KEYS_PER_MESSAGE} points in one message`);
      }
      if (key.length > MAX_KEY_LENGTH || key === '') {
        throw new DecodeError('bad-value', `a key of ${key.length} characters cannot name a point (1 to ${MAX_KEY_LENGTH})`);
      }
      out.push(read(item, key, ts, units[key] ?? unitOverride));
    }
  };

  return (payload) => {
    const doc = parse(payload);
    const out: KeyedReading[] = [];
    if (Array.isArray(doc)) for (const item of doc) readObject(item, out);
    else readObject(doc, out);
    if (out.length === 0) throw new DecodeError('no-value', 'no point values in the object');
    return out;
  };
}
