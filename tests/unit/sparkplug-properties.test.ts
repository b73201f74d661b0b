import fc from 'fast-check';
import sparkplug from 'sparkplug-payload';
import type { TypeStr, UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import proto from 'sparkplug-payload/lib/sparkplugPayloadProto.js';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/core/iot/protocols/json/decoder';
import { decodeSparkplugPayload, metricValue } from '../../src/core/iot/protocols/sparkplug/codec';
import { SparkplugSession, type SparkplugResult } from '../../src/core/iot/protocols/sparkplug/session';

const spb = sparkplug.get('spBv1.0')!;
const ProtoPayload = proto.org.eclipse.tahu.protobuf.Payload;
const T0 = 1_700_000_000_000;

const messageTypes = ['NBIRTH', 'NDEATH', 'NDATA', 'NCMD', 'DBIRTH', 'DDEATH', 'DDATA', 'DCMD', 'STATE', 'BOGUS'];

/** Topics near and far from Sparkplug's shape: right and wrong types, levels, namespaces. */
const topic = fc.oneof(
  fc.string(),
  fc
    .tuple(
      fc.constantFrom('spBv1.0', 'spBv1.0', 'spAv1.0', ''),
      fc.constantFrom('plant', 'STATE', ''),
      fc.constantFrom(...messageTypes),
      fc.array(fc.constantFrom('edge1', 'ahu-1', '', '#'), { maxLength: 3 }),
    )
    .map(([ns, group, type, rest]) => [ns, group, type, ...rest].join('/')),
);

/** A session already holding a born node and device, so random input reaches the alias and seq paths. */
function bornSession(): SparkplugSession {
  const session = new SparkplugSession();
  const birth = (seq: number, metrics: UMetric[]): Buffer => Buffer.from(spb.encodePayload({ timestamp: T0, seq, metrics }));
  session.accept('spBv1.0/plant/NBIRTH/edge1', birth(0, [{ name: 'bdSeq', type: 'UInt64', value: 0 }, { name: 'n', alias: 1, type: 'Int32', value: 1 }]), T0);
  session.accept('spBv1.0/plant/DBIRTH/edge1/ahu-1', birth(1, [{ name: 'd', alias: 2, type: 'Double', value: 1 }]), T0);
  return session;
}

/** What must hold for any input: an error takes nothing; readings are well-typed and timed. */
function expectWellFormed(r: SparkplugResult): void {
  if (r.error !== undefined) {
    expect(r.error.reason).toBe('bad-sparkplug');
    expect(r.readings).toEqual([]);
    expect(r.status).toEqual([]);
    return;
  }
  for (const x of r.readings) {
    expect(typeof x.value).toBe(x.valueType);
    if (typeof x.value === 'number') expect(Number.isFinite(x.value)).toBe(true);
    expect(Number.isSafeInteger(x.ts)).toBe(true);
  }
}

/** Non-finite values often, so the checks that keep them out are exercised. */
const float = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity), fc.double());

/** Structurally valid protobuf with random datatypes, value fields, aliases and nulls: mismatches included. */
const protoMetric = fc.record({
  name: fc.option(fc.constantFrom('n', 'd', 'bdSeq', 'x/y'), { nil: undefined, freq: 4 }),
  alias: fc.option(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(Number.MAX_SAFE_INTEGER)), { nil: undefined }),
  // Mostly the scalar types that become readings, sometimes any code at all.
  datatype: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 15 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 1 }),
  timestamp: fc.option(fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constant(2 ** 63)), { nil: undefined }),
  isNull: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
  value: fc.oneof(
    fc.record({ intValue: fc.integer({ min: 0, max: 2 ** 32 - 1 }) }),
    fc.record({ longValue: fc.oneof(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), fc.constant(2 ** 63)) }),
    fc.record({ floatValue: float }),
    fc.record({ doubleValue: float }),
    fc.record({ booleanValue: fc.boolean() }),
    fc.record({ stringValue: fc.string() }),
    fc.record({ bytesValue: fc.uint8Array({ maxLength: 4 }) }),
  ),
});

describe('Sparkplug decoding under random input (fast-check)', () => {
  it('never throws on random bytes and random topics, and gives an error or well-formed readings', () => {
    fc.assert(
      fc.property(topic, fc.uint8Array({ maxLength: 300 }), (t, bytes) => {
        expectWellFormed(bornSession().accept(t, bytes, T0));
      }),
    );
  });

  it('refuses random bytes only with a bad-sparkplug DecodeError, and converts whatever decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 40 }), (bytes, datatype) => {
        let decoded;
        try {
          decoded = decodeSparkplugPayload(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(DecodeError);
          expect((err as DecodeError).reason).toBe('bad-sparkplug');
          return;
        }
        for (const m of decoded.metrics) expect(typeof metricValue(m, datatype).ok).toBe('boolean');
      }),
    );
  });

  it('accounts for every metric of a random well-formed payload: a reading, a skip, or protocol', () => {
    const type = fc.constantFrom('NBIRTH', 'NDATA', 'DBIRTH/edge1/ahu-1', 'DDATA/edge1/ahu-1', 'NDEATH');
    fc.assert(
      fc.property(type, fc.integer({ min: 0, max: 300 }), fc.array(protoMetric, { maxLength: 6 }), (t, seq, metrics) => {
        const bytes = ProtoPayload.encode(
          ProtoPayload.create({ timestamp: T0, seq, metrics: metrics.map(({ value, ...m }) => ({ ...m, ...value })) }),
        ).finish();
        const fullTopic = t.includes('/') ? `spBv1.0/plant/${t}` : `spBv1.0/plant/${t}/edge1`;
        const r = bornSession().accept(fullTopic, bytes, T0);
        expectWellFormed(r);
        if (r.error === undefined) expect(r.readings.length + r.skipped.length).toBeLessThanOrEqual(metrics.length);
      }),
      { numRuns: 500 },
    );
  });
});

/** Values a metric of each type can hold, and what a reader gets back. */
const typedValue: fc.Arbitrary<{ type: TypeStr; value: number | boolean | string; expected: number | boolean | string }> = fc.oneof(
  ...(
    [
      ['Int8', fc.integer({ min: -128, max: 127 })],
      ['Int16', fc.integer({ min: -32768, max: 32767 })],
      ['Int32', fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })],
      ['Int64', fc.maxSafeInteger()],
      ['UInt8', fc.integer({ min: 0, max: 255 })],
      ['UInt16', fc.integer({ min: 0, max: 65535 })],
      ['UInt32', fc.integer({ min: 0, max: 2 ** 32 - 1 })],
      ['UInt64', fc.maxSafeNat()],
      ['DateTime', fc.maxSafeNat()],
      ['Double', fc.double({ noNaN: true, noDefaultInfinity: true })],
      ['Boolean', fc.boolean()],
      ['String', fc.string({ unit: 'grapheme', maxLength: 30 })],
    ] as const
  ).map(([type, arb]) => (arb as fc.Arbitrary<number | boolean | string>).map((value) => ({ type, value, expected: value }))),
  fc.float({ noNaN: true, noDefaultInfinity: true }).map((value) => ({ type: 'Float' as const, value, expected: Math.fround(value) })),
);

const metricName = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
  .filter((n) => n !== 'bdSeq' && !n.startsWith('Node Control/') && !n.startsWith('Device Control/'));

describe('Sparkplug round trip (fast-check)', () => {
  it('reads back the values a Tahu-encoded birth and data by alias carry', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(metricName, typedValue, typedValue), { selector: ([n]) => n, minLength: 1, maxLength: 8 }),
        (defs) => {
          const session = new SparkplugSession();
          const metrics: UMetric[] = defs.map(([name, v], i) => ({ name, alias: i + 1, type: v.type, value: v.value }));
          const birth = session.accept('spBv1.0/g/NBIRTH/n', spb.encodePayload({ timestamp: T0, seq: 0, metrics }), T0);
          expect(birth.readings.map((r) => [r.pointName, r.value])).toEqual(defs.map(([name, v]) => [name, v.expected]));

          // Data by alias only, each metric with the second value of the birth's type.
          const data: UMetric[] = defs.map(([, first, second], i) => ({
            alias: i + 1,
            type: first.type,
            value: second.type === first.type ? second.value : first.value,
          }));
          const got = session.accept('spBv1.0/g/NDATA/n', spb.encodePayload({ timestamp: T0 + 1, seq: 1, metrics: data }), T0);
          expect(got.rebirth).toBeUndefined();
          expect(got.readings.map((r) => [r.pointName, r.value, r.ts])).toEqual(
            defs.map(([name, first, second]) => [name, second.type === first.type ? second.expected : first.expected, T0 + 1]),
          );
        },
      ),
    );
  });
});
