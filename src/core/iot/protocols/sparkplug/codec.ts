import sparkplug from 'sparkplug-payload';
import type { UMetric, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import proto from 'sparkplug-payload/lib/sparkplugPayloadProto.js';
import { DecodeError, type ReadingValue } from '../json/decoder';
import { errorText } from '../../../../shared/errors';

export type { UMetric, UPayload };

/**
 * Sparkplug B (Eclipse Tahu) topics and payloads.
 *
 * Encoding goes through Tahu's `encodePayload`. Decoding reads the protobuf message with the
 * package's generated `Payload.decode` and converts each metric here: Tahu's `decodePayload`
 * converts every metric eagerly and throws on legal input (a null DataSet or Template, a
 * DataSet with Int32 columns), which would lose a whole message for one metric we do not
 * even store. Here such a metric is skipped on its own, with a reason.
 */

const spb = (() => {
  const codec = sparkplug.get('spBv1.0');
  if (codec === null) throw new Error('sparkplug-payload does not provide the spBv1.0 namespace');
  return codec;
})();
const ProtoPayload = proto.org.eclipse.tahu.protobuf.Payload;
type ProtoMetric = InstanceType<typeof ProtoPayload.Metric>;
type ProtoPropertySet = NonNullable<ProtoMetric['properties']>;

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

export const nodeMessageTypes = ['NBIRTH', 'NDEATH', 'NDATA', 'NCMD'] as const;
export const deviceMessageTypes = ['DBIRTH', 'DDEATH', 'DDATA', 'DCMD'] as const;
export type NodeMessageType = (typeof nodeMessageTypes)[number];
export type DeviceMessageType = (typeof deviceMessageTypes)[number];

export type SparkplugTopic =
  | { kind: 'node'; group: string; type: NodeMessageType; node: string }
  | { kind: 'device'; group: string; type: DeviceMessageType; node: string; device: string }
  | { kind: 'state'; hostId: string };

/** A topic that is not a Sparkplug B topic of the expected shape. */
export class SparkplugTopicError extends DecodeError {
  constructor(message: string) {
    super('bad-sparkplug', message);
  }
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * Parses `spBv1.0/<group>/<type>/<edge node>[/<device>]` and the v3.0 host topic
 * `spBv1.0/STATE/<host id>`. Throws SparkplugTopicError for any other shape.
 */
export function parseSparkplugTopic(topic: string): SparkplugTopic {
  const parts = topic.split('/');
  if (parts[0] !== SPARKPLUG_NAMESPACE) throw new SparkplugTopicError(`topic "${topic.slice(0, 120)}" is not in the ${SPARKPLUG_NAMESPACE} namespace`);
  if (parts.some((p) => p === '')) throw new SparkplugTopicError(`topic "${topic.slice(0, 120)}" has an empty level`);
  const [, group, type, node, device] = parts;
  if (group === 'STATE' && parts.length === 3 && type !== undefined) return { kind: 'state', hostId: type };
  if (group === undefined || type === undefined || node === undefined) {
    throw new SparkplugTopicError(`topic "${topic.slice(0, 120)}" is too short for Sparkplug B`);
  }
  if (isOneOf(nodeMessageTypes, type)) {
    if (parts.length !== 4) throw new SparkplugTopicError(`${type} topic "${topic.slice(0, 120)}" must be ${SPARKPLUG_NAMESPACE}/<group>/${type}/<edge node>`);
    return { kind: 'node', group, type, node };
  }
  if (isOneOf(deviceMessageTypes, type)) {
    if (parts.length !== 5 || device === undefined) {
      throw new SparkplugTopicError(`${type} topic "${topic.slice(0, 120)}" must be ${SPARKPLUG_NAMESPACE}/<group>/${type}/<edge node>/<device>`);
    }
    return { kind: 'device', group, type, node, device };
  }
  throw new SparkplugTopicError(`"${type.slice(0, 40)}" is not a Sparkplug B message type`);
}

export function sparkplugTopic(group: string, type: NodeMessageType, node: string): string;
export function sparkplugTopic(group: string, type: DeviceMessageType, node: string, device: string): string;
export function sparkplugTopic(group: string, type: NodeMessageType | DeviceMessageType, node: string, device?: string): string {
  return device === undefined ? `${SPARKPLUG_NAMESPACE}/${group}/${type}/${node}` : `${SPARKPLUG_NAMESPACE}/${group}/${type}/${node}/${device}`;
}

/** protobufjs gives 64-bit fields as Long objects (or numbers when `long` is absent). */
interface LongLike {
  low: number;
  high: number;
}

/** The exact unsigned value of a 64-bit protobuf field. */
function toBigInt(v: number | LongLike): bigint {
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  return (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
}

/** A number when the value is exactly representable, else undefined (never a silently rounded value). */
export function safeNumber(v: bigint): number | undefined {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

/** Sparkplug B datatype codes (Tahu's sparkplug_b.proto, DataType enum). */
export const DataType = {
  Unknown: 0,
  Int8: 1,
  Int16: 2,
  Int32: 3,
  Int64: 4,
  UInt8: 5,
  UInt16: 6,
  UInt32: 7,
  UInt64: 8,
  Float: 9,
  Double: 10,
  Boolean: 11,
  String: 12,
  DateTime: 13,
  Text: 14,
  UUID: 15,
} as const;

export type RawMetricValue =
  | { field: 'intValue'; value: number }
  | { field: 'longValue'; value: bigint }
  | { field: 'floatValue' | 'doubleValue'; value: number }
  | { field: 'booleanValue'; value: boolean }
  | { field: 'stringValue'; value: string }
  /** bytes, DataSet, Template or an extension: kept by name only, never converted. */
  | { field: 'other'; name: string }
  | { field: 'none' };

export interface SparkplugMetric {
  name: string | undefined;
  /** Exact 64-bit alias; births map it to a name. */
  alias: bigint | undefined;
  datatype: number | undefined;
  timestamp: bigint | undefined;
  isNull: boolean;
  raw: RawMetricValue;
  /** The `engUnit` property (Ignition's convention), when a string. */
  unit: string | undefined;
}

export interface SparkplugPayload {
  timestamp: bigint | undefined;
  seq: bigint | undefined;
  metrics: SparkplugMetric[];
}

function has(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function rawValue(m: ProtoMetric): RawMetricValue {
  switch (m.value) {
    case undefined:
      return { field: 'none' };
    case 'intValue':
      return { field: 'intValue', value: m.intValue ?? 0 };
    case 'longValue':
      return { field: 'longValue', value: toBigInt(m.longValue ?? 0) };
    case 'floatValue':
      return { field: 'floatValue', value: m.floatValue ?? 0 };
    case 'doubleValue':
      return { field: 'doubleValue', value: m.doubleValue ?? 0 };
    case 'booleanValue':
      return { field: 'booleanValue', value: m.booleanValue ?? false };
    case 'stringValue':
      return { field: 'stringValue', value: m.stringValue ?? '' };
    default:
      return { field: 'other', name: m.value };
  }
}

function engUnit(props: ProtoPropertySet | null | undefined): string | undefined {
  const keys = props?.keys ?? [];
  const i = keys.indexOf('engUnit');
  if (i < 0) return undefined;
  const v = props?.values?.[i];
  return typeof v?.stringValue === 'string' && v.stringValue !== '' ? v.stringValue : undefined;
}

function metric(m: ProtoMetric): SparkplugMetric {
  return {
    name: has(m, 'name') ? m.name : undefined,
    alias: has(m, 'alias') ? toBigInt(m.alias) : undefined,
    datatype: has(m, 'datatype') ? m.datatype : undefined,
    timestamp: has(m, 'timestamp') ? toBigInt(m.timestamp) : undefined,
    isNull: m.isNull === true,
    raw: rawValue(m),
    unit: engUnit(m.properties),
  };
}

/** Decodes a Sparkplug B payload. Throws DecodeError('bad-sparkplug') when it is not one. */
export function decodeSparkplugPayload(bytes: Uint8Array): SparkplugPayload {
  let msg;
  try {
    msg = ProtoPayload.decode(bytes);
  } catch (err) {
    throw new DecodeError('bad-sparkplug', `payload is not a Sparkplug B protobuf: ${errorText(err)}`);
  }
  return {
    timestamp: has(msg, 'timestamp') ? toBigInt(msg.timestamp) : undefined,
    seq: has(msg, 'seq') ? toBigInt(msg.seq) : undefined,
    // decode() builds Metric instances; the generated typings only promise IMetric for the array.
    metrics: msg.metrics.map((m) => metric(m as ProtoMetric)),
  };
}

export type MetricValue =
  | { ok: true; value: ReadingValue; valueType: 'number' | 'boolean' | 'string' }
  | { ok: false; reason: 'unsupported-type' | 'null-value' | 'bad-value'; message: string };

const bad = (message: string): MetricValue => ({ ok: false, reason: 'bad-value', message });

function integer(raw: RawMetricValue, datatype: number): MetricValue {
  let n: number | undefined;
  if (raw.field === 'intValue') {
    // uint32 on the wire: Int8/16/32 are two's complement (sign- or zero-extended by the sender).
    const bits = datatype === DataType.Int8 ? 24 : datatype === DataType.Int16 ? 16 : datatype === DataType.Int32 ? 0 : -1;
    n = bits < 0 ? raw.value >>> 0 : (raw.value << bits) >> bits;
  } else if (raw.field === 'longValue') {
    const v = datatype === DataType.Int64 ? BigInt.asIntN(64, raw.value) : raw.value;
    n = safeNumber(v);
    if (n === undefined) return bad(`${v} is beyond the exact range of a number`);
  } else {
    return bad(`integer metric carries ${raw.field}`);
  }
  return { ok: true, value: n, valueType: 'number' };
}

/** A metric's value as a reading value, by its datatype (from the metric or its birth). */
export function metricValue(m: SparkplugMetric, datatype: number): MetricValue {
  if (datatype > DataType.UUID || datatype === DataType.Unknown) {
    return { ok: false, reason: 'unsupported-type', message: `datatype ${datatype} is not stored` };
  }
  if (m.isNull) return { ok: false, reason: 'null-value', message: 'value is null' };
  const raw = m.raw;
  switch (datatype) {
    case DataType.Float:
    case DataType.Double:
      if (raw.field !== 'floatValue' && raw.field !== 'doubleValue') return bad(`floating-point metric carries ${raw.field}`);
      if (!Number.isFinite(raw.value)) return bad(`value ${raw.value} is not finite`);
      return { ok: true, value: raw.value, valueType: 'number' };
    case DataType.Boolean:
      if (raw.field !== 'booleanValue') return bad(`boolean metric carries ${raw.field}`);
      return { ok: true, value: raw.value, valueType: 'boolean' };
    case DataType.String:
    case DataType.Text:
    case DataType.UUID:
      if (raw.field !== 'stringValue') return bad(`string metric carries ${raw.field}`);
      return { ok: true, value: raw.value, valueType: 'string' };
    default:
      // Int8..UInt64 and DateTime (milliseconds since the epoch).
      return integer(raw, datatype);
  }
}

/** Encodes a payload with Tahu's encoder. */
export function encodeSparkplugPayload(payload: UPayload): Buffer {
  const bytes = spb.encodePayload(payload);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const REBIRTH_METRIC = 'Node Control/Rebirth';

/** The NCMD that asks an edge node to publish its births again. */
export function rebirthRequest(group: string, node: string, now: number): { topic: string; payload: Buffer } {
  return {
    topic: sparkplugTopic(group, 'NCMD', node),
    payload: encodeSparkplugPayload({ timestamp: now, metrics: [{ name: REBIRTH_METRIC, type: 'Boolean', value: true }] }),
  };
}
