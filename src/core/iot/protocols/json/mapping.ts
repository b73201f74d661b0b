import type { JsonMapping, MappingPreviewOutput } from '../../../../shared/contract/schemas/brokers';
import { compileJsonDecoder, DecodeError, numericString, type JsonDecoder, type KeyedReading } from './decoder';
import type { Point, Registry } from '../../../model/registry';
import { compileKeyTemplate, compileTopicTemplate, type KeyTemplate, type TopicTemplate } from './topic-template';

/** A JSON mapping with its templates and reading rules compiled once. */
export interface CompiledMapping {
  readonly mapping: JsonMapping;
  readonly template: TopicTemplate;
  readonly decode: JsonDecoder;
  /** Each key of the payload object is a point (`points: "keys"`). */
  readonly keys: boolean;
  readonly device: KeyTemplate;
  readonly point: KeyTemplate;
  readonly space: KeyTemplate | null;
}

/** A mapping that cannot be compiled; `field` names the mapping's field at fault. */
export class MappingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function compileField(field: string, template: string, available: ReadonlySet<string>): KeyTemplate {
  try {
    return compileKeyTemplate(template, available);
  } catch (err) {
    throw new MappingError(field, (err as Error).message);
  }
}

export function compileMapping(mapping: JsonMapping): CompiledMapping {
  let template: TopicTemplate;
  try {
    template = compileTopicTemplate(mapping.topic);
  } catch (err) {
    throw new MappingError('topic', (err as Error).message);
  }
  const keys = mapping.points === 'keys';
  const captured = new Set(template.captures);
  if (keys && captured.has('point')) throw new MappingError('topic', `topic template ${mapping.topic}: with points "keys", {point} is the payload’s key`);
  return {
    mapping,
    template,
    decode: compileJsonDecoder(mapping),
    keys,
    device: compileField('device', mapping.device, captured),
    point: compileField('point', mapping.point, keys ? new Set([...captured, 'point']) : captured),
    space: mapping.space === undefined ? null : compileField('space', mapping.space, captured),
  };
}

/** The device, space and point names a topic yields under a mapping. */
interface TopicMatch {
  captures: Record<string, string>;
  deviceKey: string;
  spaceId: string | null;
  /** The point name: from the topic, or in keys mode from the payload key. */
  pointName(key: string | null): string;
}

function matchTopic(c: CompiledMapping, topic: string): TopicMatch | null {
  const captures = c.template.match(topic);
  if (captures === null) return null;
  const topicPoint = c.keys ? null : c.point(captures);
  return {
    captures,
    deviceKey: c.device(captures),
    spaceId: c.space === null ? null : c.space(captures),
    pointName: topicPoint !== null ? () => topicPoint : (key) => c.point({ ...captures, point: key ?? '' }),
  };
}

/** The unit a mapping gives a point it creates: per key, then for the whole mapping. */
const mappedUnit = (mapping: JsonMapping, key: string | null): string | undefined =>
  (key === null ? undefined : mapping.units?.[key]) ?? mapping.unit;

/** Where the messages of one topic go: decoding, and the point each reading belongs to. */
export interface JsonRoute {
  /** Throws DecodeError for a payload that is refused. */
  decode(payload: Buffer): KeyedReading[];
  /** The reading's point, created in the registry when first heard of. */
  pointOf(reading: KeyedReading): Point;
}

/** The compiled JSON mappings of one broker link. */
export interface LinkMappings {
  /** The MQTT filters the link subscribes to. */
  readonly filters: string[];
  /** The first mapping whose template the topic fits, as a route; null when none does. */
  route(topic: string): JsonRoute | null;
}

/** Payload keys remembered per route in keys mode; cleared past this, so random keys cannot eat memory. */
const KEY_CACHE_LIMIT = 4096;

export function compileLinkMappings(linkId: string, mappings: readonly JsonMapping[], registry: Registry): LinkMappings {
  const compiled = mappings.map(compileMapping);
  const ensure = (c: CompiledMapping, m: TopicMatch, key: string | null): Point => {
    const name = m.pointName(key);
    return registry.ensurePoint({
      key: `${m.deviceKey}/${name}`,
      deviceKey: m.deviceKey,
      name,
      linkId,
      spaceId: m.spaceId,
      unit: mappedUnit(c.mapping, key),
      kind: c.mapping.kind,
      tags: c.mapping.tags,
    });
  };
  return {
    filters: compiled.map((c) => c.template.filter),
    route(topic) {
      for (const c of compiled) {
        const m = matchTopic(c, topic);
        if (m === null) continue;
        if (!c.keys) {
          const point = ensure(c, m, null);
          return { decode: c.decode, pointOf: () => point };
        }
        const byKey = new Map<string, Point>();
        return {
          decode: c.decode,
          pointOf(reading) {
            const key = reading.key ?? '';
            let point = byKey.get(key);
            if (point === undefined) {
              if (byKey.size >= KEY_CACHE_LIMIT) byKey.clear();
              point = ensure(c, m, key);
              byKey.set(key, point);
            }
            return point;
          },
        };
      }
      return null;
    },
  };
}

/**
 * `brokers.previewMapping`: what the ingest path would make of one message under a mapping, without
 * storing anything or creating points. It runs the same compiled templates and decoder as the link.
 */
export function previewMapping(mapping: JsonMapping, topic: string, payload: Buffer): MappingPreviewOutput {
  const c = compileMapping(mapping);
  const base = { filter: c.template.filter, captures: {}, deviceKey: null, spaceId: null, readings: [] };
  const m = matchTopic(c, topic);
  if (m === null) {
    return { ...base, matched: false, error: { reason: 'unknown-topic', message: `the topic does not fit ${c.template.filter}` } };
  }
  const matched = { ...base, matched: true, captures: m.captures, deviceKey: m.deviceKey, spaceId: m.spaceId };
  let readings: KeyedReading[];
  try {
    readings = c.decode(payload);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return { ...matched, error: { reason: err.reason, message: err.message } };
  }
  return {
    ...matched,
    error: null,
    readings: readings.map((r) => {
      const name = m.pointName(r.key);
      const asNumber = typeof r.value === 'string' ? numericString(r.value) : NaN;
      const numeric = typeof r.value === 'number' || Number.isFinite(asNumber);
      return {
        pointKey: `${m.deviceKey}/${name}`,
        name,
        value: numeric && typeof r.value === 'string' ? asNumber : r.value,
        valueType: typeof r.value === 'boolean' ? 'boolean' : numeric ? 'number' : 'string',
        unit: r.unit ?? null,
        ts: r.ts ?? null,
        kind: mapping.kind ?? 'sensor',
        tags: mapping.tags ?? [],
      };
    }),
  };
}
