import { describe, expect, it } from 'vitest';
import { compileJsonDecoder, DecodeError, MAX_KEYS_PER_MESSAGE } from '../../src/core/iot/protocols/json/decoder';
import { previewMapping } from '../../src/core/iot/protocols/json/mapping';
import { JsonMapping, type JsonMappingInput } from '../../src/shared/contract/schemas/brokers';

const paths = { valuePath: 'value', timestampPath: 'ts', unitPath: 'unit' };
const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

function refusal(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DecodeError);
    return err as DecodeError;
  }
  throw new Error('expected the payload to be refused');
}

function issues(input: JsonMappingInput): string[] {
  const r = JsonMapping.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('JSON decoding, one value per message', () => {
  const decode = compileJsonDecoder(paths);

  it('reads bare values, objects and arrays of either', () => {
    expect(decode(buf(21.5))).toEqual([{ key: null, value: 21.5, ts: undefined, unit: undefined }]);
    expect(decode(buf({ value: 21.5, ts: 1_700_000_000, unit: '°C' }))).toEqual([{ key: null, value: 21.5, ts: 1_700_000_000_000, unit: '°C' }]);
    expect(decode(buf([{ value: 1, ts: 1_700_000_000_000 }, { value: 2, ts: 1_700_000_001_000 }])).map((r) => r.value)).toEqual([1, 2]);
  });

  it('reads nested paths', () => {
    const nested = compileJsonDecoder({ valuePath: 'data.t', timestampPath: 'meta.time', unitPath: 'data.u' });
    expect(nested(buf({ data: { t: 3, u: 'K' }, meta: { time: '2024-01-01T00:00:00Z' } }))).toEqual([
      { key: null, value: 3, ts: Date.parse('2024-01-01T00:00:00Z'), unit: 'K' },
    ]);
  });

  it('scales values, numeric strings included, and overrides the unit', () => {
    const scaled = compileJsonDecoder({ ...paths, scale: 0.1, offset: -40, unit: '°C' });
    expect(scaled(buf({ value: 615, unit: 'raw' }))[0]).toMatchObject({ value: 615 * 0.1 - 40, unit: '°C' });
    expect(scaled(buf({ value: ' 615 ' }))[0]!.value).toBeCloseTo(21.5);
    expect(scaled(buf({ value: true }))[0]!.value).toBe(true);
    expect(refusal(() => scaled(buf({ value: 'high' }))).reason).toBe('bad-value');
  });

  it('refuses what is not a reading, with the reason the dead-letter table counts', () => {
    expect(refusal(() => decode(buf('{oops'))).reason).toBe('not-json');
    expect(refusal(() => decode(buf({ temp: 1 }))).reason).toBe('no-value');
    expect(refusal(() => decode(buf({ value: null }))).reason).toBe('bad-value');
    expect(refusal(() => decode(buf({ value: 1, ts: 'yesterday' }))).reason).toBe('bad-timestamp');
    expect(refusal(() => decode(buf('[]'))).reason).toBe('no-value');
  });
});

describe('JSON decoding, an object of several points (points: "keys")', () => {
  const decode = compileJsonDecoder({ ...paths, points: 'keys', ignoreKeys: ['device_id'], units: { temperature: '°C' }, unit: '%' });

  it('makes each key a point, taking the shared timestamp and leaving out ts, unit, ignored and null keys', () => {
    const readings = decode(buf({ temperature: 21.3, humidity: 40, ts: 1_700_000_000, unit: 'x', device_id: 'abc', pressure: null }));
    expect(readings).toEqual([
      { key: 'temperature', value: 21.3, ts: 1_700_000_000_000, unit: '°C' },
      { key: 'humidity', value: 40, ts: 1_700_000_000_000, unit: '%' },
    ]);
  });

  it('reads a key holding an object with the value path, and arrays of objects', () => {
    const plain = compileJsonDecoder({ ...paths, points: 'keys' });
    expect(plain(buf({ co2: { value: 612, unit: 'ppm', ts: 1_700_000_005_000 } }))).toEqual([
      { key: 'co2', value: 612, ts: 1_700_000_005_000, unit: 'ppm' },
    ]);
    expect(plain(buf([{ a: 1, ts: 1_700_000_000 }, { a: 2, ts: 1_700_000_060 }])).map((r) => [r.key, r.value, r.ts])).toEqual([
      ['a', 1, 1_700_000_000_000],
      ['a', 2, 1_700_000_060_000],
    ]);
  });

  it('refuses a payload that is not an object, has no points, or too many', () => {
    expect(refusal(() => decode(buf(21))).reason).toBe('no-value');
    expect(refusal(() => decode(buf({ ts: 1 }))).reason).toBe('no-value');
    expect(refusal(() => decode(buf({ color: { x: 0.3 } }))).message).toContain('under "color"');
    const many = Object.fromEntries(Array.from({ length: MAX_KEYS_PER_MESSAGE + 1 }, (_, i) => [`p${i}`, i]));
    expect(refusal(() => decode(buf(many))).reason).toBe('oversized');
  });
});

describe('mapping validation', () => {
  it('names the field of a template that cannot work', () => {
    expect(issues({ topic: 'site/{device}/{point}', device: '{room}/{device}' })).toEqual([
      'device: uses {room}, which is not captured (available: {device}, {point})',
    ]);
    expect(issues({ topic: 'site/#' })).toEqual(['topic: use {name} parts, not MQTT wildcards']);
    expect(issues({ topic: 'site/{device}', space: '{floor}' })).toEqual([
      'space: uses {floor}, which is not captured (available: {device})',
      'point: uses {point}, which is not captured (available: {device})',
    ]);
    expect(issues({ topic: 'site/{device}/{point}', points: 'keys' })[0]).toMatch(/^topic: with points "keys", \{point\} is the payload’s key/);
    expect(issues({ topic: 'site/{device}/{point}', ignoreKeys: ['x'] })).toEqual(['ignoreKeys: applies only with points "keys"']);
    expect(issues({ topic: 'site/{device}/{point}', scale: 0 })).toEqual(['scale: a scale of 0 would store only the offset']);
  });

  it('takes a keys mapping whose point name is the payload key', () => {
    expect(issues({ topic: 'zigbee2mqtt/{device}', points: 'keys' })).toEqual([]);
    expect(issues({ topic: 'zigbee2mqtt/{device}', points: 'keys', point: 'env_{point}' })).toEqual([]);
  });
});

describe('previewMapping', () => {
  it('shows the device, point keys, values, units and times a message yields', () => {
    const mapping = JsonMapping.parse({ topic: 'z2m/{floor}/{device}', device: '{floor}/{device}', space: '{floor}', points: 'keys', units: { temperature: '°C' }, kind: 'sensor', tags: ['zone'] });
    const out = previewMapping(mapping, 'z2m/f1/th-7', buf({ temperature: '21.3', battery: 97, contact: true, ts: '2024-05-01T12:00:00Z' }));
    expect(out).toMatchObject({ filter: 'z2m/+/+', matched: true, captures: { floor: 'f1', device: 'th-7' }, deviceKey: 'f1/th-7', spaceId: 'f1', error: null });
    const ts = Date.parse('2024-05-01T12:00:00Z');
    expect(out.readings).toEqual([
      { pointKey: 'f1/th-7/temperature', name: 'temperature', value: 21.3, valueType: 'number', unit: '°C', ts, kind: 'sensor', tags: ['zone'] },
      { pointKey: 'f1/th-7/battery', name: 'battery', value: 97, valueType: 'number', unit: null, ts, kind: 'sensor', tags: ['zone'] },
      { pointKey: 'f1/th-7/contact', name: 'contact', value: true, valueType: 'boolean', unit: null, ts, kind: 'sensor', tags: ['zone'] },
    ]);
  });

  it('says why a message would be refused', () => {
    const mapping = JsonMapping.parse({ topic: 'site/{device}/{point}' });
    expect(previewMapping(mapping, 'other/a/b', buf(1))).toMatchObject({ matched: false, error: { reason: 'unknown-topic' } });
    expect(previewMapping(mapping, 'site/a/b', buf('nope'))).toMatchObject({ matched: true, deviceKey: 'a', error: { reason: 'not-json' }, readings: [] });
  });
});
