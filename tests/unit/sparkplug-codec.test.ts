import sparkplug from 'sparkplug-payload';
import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import proto from 'sparkplug-payload/lib/sparkplugPayloadProto.js';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/core/iot/protocols/json/decoder';
import {
  decodeSparkplugPayload,
  metricValue,
  parseSparkplugTopic,
  rebirthRequest,
  SparkplugTopicError,
  type MetricValue,
} from '../../src/core/iot/protocols/sparkplug/codec';

// Tahu's own encoder and decoder, independent of the module under test.
const spb = sparkplug.get('spBv1.0')!;

/** Encodes one metric with Tahu and converts it back through the codec. */
function roundTrip(metric: UMetric): MetricValue {
  const decoded = decodeSparkplugPayload(spb.encodePayload({ timestamp: 1, metrics: [metric] }));
  const m = decoded.metrics[0]!;
  return metricValue(m, m.datatype ?? 0);
}

describe('Sparkplug topics', () => {
  it('parses node, device and host topics', () => {
    expect(parseSparkplugTopic('spBv1.0/plant/NBIRTH/edge1')).toEqual({ kind: 'node', group: 'plant', type: 'NBIRTH', node: 'edge1' });
    expect(parseSparkplugTopic('spBv1.0/plant/DDATA/edge1/ahu-1')).toEqual({
      kind: 'device',
      group: 'plant',
      type: 'DDATA',
      node: 'edge1',
      device: 'ahu-1',
    });
    expect(parseSparkplugTopic('spBv1.0/STATE/scada-host')).toEqual({ kind: 'state', hostId: 'scada-host' });
  });

  it.each([
    ['bldg/f1/temp', 'namespace'],
    ['spBv1.0/plant/NBIRTH', 'too short'],
    ['spBv1.0/plant/NDATA/edge1/dev', 'must be'],
    ['spBv1.0/plant/DDATA/edge1', 'must be'],
    ['spBv1.0/plant/DDATA/edge1/dev/extra', 'must be'],
    ['spBv1.0/plant/NFOO/edge1', 'not a Sparkplug B message type'],
    ['spBv1.0//NDATA/edge1', 'empty level'],
  ])('refuses %s with a typed error', (topic, words) => {
    let caught: unknown;
    try {
      parseSparkplugTopic(topic);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SparkplugTopicError);
    expect(caught).toMatchObject({ reason: 'bad-sparkplug' });
    expect((caught as Error).message).toContain(words);
  });
});

describe('Sparkplug payload values', () => {
  it('reads every scalar datatype written by the Tahu encoder', () => {
    expect(roundTrip({ name: 'i8', type: 'Int8', value: -3 })).toEqual({ ok: true, value: -3, valueType: 'number' });
    expect(roundTrip({ name: 'i16', type: 'Int16', value: -300 })).toEqual({ ok: true, value: -300, valueType: 'number' });
    expect(roundTrip({ name: 'i32', type: 'Int32', value: -70000 })).toEqual({ ok: true, value: -70000, valueType: 'number' });
    expect(roundTrip({ name: 'u16', type: 'UInt16', value: 65535 })).toEqual({ ok: true, value: 65535, valueType: 'number' });
    expect(roundTrip({ name: 'u32', type: 'UInt32', value: 4294967295 })).toEqual({ ok: true, value: 4294967295, valueType: 'number' });
    expect(roundTrip({ name: 'f', type: 'Float', value: 21.5 })).toEqual({ ok: true, value: 21.5, valueType: 'number' });
    expect(roundTrip({ name: 'd', type: 'Double', value: 0.1 })).toEqual({ ok: true, value: 0.1, valueType: 'number' });
    expect(roundTrip({ name: 'b', type: 'Boolean', value: true })).toEqual({ ok: true, value: true, valueType: 'boolean' });
    expect(roundTrip({ name: 's', type: 'String', value: 'auto' })).toEqual({ ok: true, value: 'auto', valueType: 'string' });
    expect(roundTrip({ name: 't', type: 'DateTime', value: 1_700_000_000_123 })).toEqual({ ok: true, value: 1_700_000_000_123, valueType: 'number' });
  });

  it('reads small signed integers whether the sender sign- or zero-extended them', () => {
    const Payload = proto.org.eclipse.tahu.protobuf.Payload;
    const bytes = Payload.encode(
      Payload.create({
        metrics: [
          { name: 'zero-extended', datatype: 1, intValue: 251 },
          { name: 'sign-extended', datatype: 2, intValue: 0xffff_fed4 },
          { name: 'unsigned', datatype: 6, intValue: 65535 },
        ],
      }),
    ).finish();
    const values = decodeSparkplugPayload(bytes).metrics.map((m) => metricValue(m, m.datatype ?? 0));
    expect(values).toEqual([
      { ok: true, value: -5, valueType: 'number' },
      { ok: true, value: -300, valueType: 'number' },
      { ok: true, value: 65535, valueType: 'number' },
    ]);
  });

  it('turns 64-bit Long values into exact numbers and refuses those a number cannot hold', () => {
    expect(roundTrip({ name: 'neg', type: 'Int64', value: -1_234_567_890_123 })).toEqual({ ok: true, value: -1_234_567_890_123, valueType: 'number' });
    expect(roundTrip({ name: 'max', type: 'UInt64', value: Number.MAX_SAFE_INTEGER })).toEqual({
      ok: true,
      value: Number.MAX_SAFE_INTEGER,
      valueType: 'number',
    });
    expect(roundTrip({ name: 'big', type: 'UInt64', value: 2 ** 60 })).toMatchObject({ ok: false, reason: 'bad-value' });
  });

  it('gives a reason, never a value, for non-finite, null and unsupported metrics', () => {
    expect(roundTrip({ name: 'nan', type: 'Double', value: NaN })).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(roundTrip({ name: 'inf', type: 'Float', value: Infinity })).toMatchObject({ ok: false, reason: 'bad-value' });
    expect(roundTrip({ name: 'null', type: 'Double', value: null })).toMatchObject({ ok: false, reason: 'null-value' });
    expect(roundTrip({ name: 'bytes', type: 'Bytes', value: new Uint8Array([1, 2]) })).toMatchObject({ ok: false, reason: 'unsupported-type' });
    expect(
      roundTrip({ name: 'table', type: 'DataSet', value: { numOfColumns: 1, columns: ['c'], types: ['Int32'], rows: [[5]] } }),
    ).toMatchObject({ ok: false, reason: 'unsupported-type' });
  });

  it('decodes a payload that Tahu\'s own decoder refuses, keeping its other metrics', () => {
    const bytes = spb.encodePayload({
      timestamp: 5,
      seq: 3,
      metrics: [
        { name: 'table', type: 'DataSet', value: { numOfColumns: 1, columns: ['c'], types: ['Int32'], rows: [[5]] } },
        { name: 'temp', alias: 7, type: 'Double', value: 20.25 },
      ],
    });
    expect(() => spb.decodePayload(bytes)).toThrow();
    const p = decodeSparkplugPayload(bytes);
    expect(p.seq).toBe(3n);
    expect(p.timestamp).toBe(5n);
    expect(p.metrics[1]).toMatchObject({ name: 'temp', alias: 7n, raw: { field: 'doubleValue', value: 20.25 } });
  });

  it('reads the engUnit property as the unit', () => {
    const bytes = spb.encodePayload({
      metrics: [{ name: 'temp', type: 'Float', value: 20, properties: { engUnit: { type: 'String', value: '°C' } } }],
    });
    expect(decodeSparkplugPayload(bytes).metrics[0]?.unit).toBe('°C');
  });

  it('refuses bytes that are not a protobuf with a bad-sparkplug error', () => {
    let caught: unknown;
    try {
      decodeSparkplugPayload(Buffer.from('{"value": 21.5}'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DecodeError);
    expect(caught).toMatchObject({ reason: 'bad-sparkplug' });
  });

  it('builds a rebirth request that Tahu decodes as NCMD Node Control/Rebirth = true', () => {
    const req = rebirthRequest('plant', 'edge1', 1234);
    expect(req.topic).toBe('spBv1.0/plant/NCMD/edge1');
    const decoded = spb.decodePayload(req.payload);
    expect(decoded.metrics).toEqual([expect.objectContaining({ name: 'Node Control/Rebirth', type: 'Boolean', value: true })]);
  });
});
