import fc from 'fast-check';
import sparkplug from 'sparkplug-payload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJsonDecoder, DecodeError } from '../../src/core/iot/protocols/json/decoder';
import { JsonMapping } from '../../src/shared/contract/schemas/brokers';
import { DeadLetterReason } from '../../src/shared/contract/schemas/ingest';
import { tempIngest, type TempIngest, type TestLink } from '../helpers/temp-ingest';

const spb = sparkplug.get('spBv1.0')!;
const paths = { valuePath: 'value', timestampPath: 'ts', unitPath: 'unit' };

/** Payloads from the whole range: random bytes, any JSON value, and device-like objects with wild fields. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
  fc
    .record(
      {
        value: fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.string(), fc.constant(null), fc.jsonValue()),
        ts: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null), fc.constantFrom(1e300, -1, 2 ** 63, 1_700_000_000)),
        unit: fc.oneof(fc.string(), fc.integer()),
      },
      { requiredKeys: [] },
    )
    .map((o) => Buffer.from(JSON.stringify(o))),
  // JSON has no NaN or Infinity; a device may still send the words, or a number too big for a double.
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '{"value": NaN}', '{"value": 1e999}', '[]', '[1, "a", null]').map((s) => Buffer.from(s)),
);

const decode = compileJsonDecoder(paths);

const totalDeadLettered = (t: TempIngest): number => Object.values(t.ingest.counters.deadLettered).reduce((a, b) => a + (b ?? 0), 0);

describe('the JSON decoder under random input (fast-check)', () => {
  it('gives readings of finite numbers, booleans or strings with plausible times, or a DecodeError with a reason', () => {
    fc.assert(
      fc.property(payload, (bytes) => {
        let readings;
        try {
          readings = decode(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(DecodeError);
          expect(DeadLetterReason.options).toContain((err as DecodeError).reason);
          return;
        }
        expect(readings.length).toBeGreaterThan(0);
        for (const r of readings) {
          expect(['number', 'boolean', 'string']).toContain(typeof r.value);
          if (typeof r.value === 'number') expect(Number.isFinite(r.value)).toBe(true);
          if (r.ts !== undefined) expect(r.ts >= 0 && Number.isFinite(r.ts)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('Ingest.accept under random input (fast-check)', () => {
  let t: TempIngest;
  const published: string[] = [];
  let json: TestLink;
  let sparkplugLink: TestLink;
  beforeAll(() => {
    t = tempIngest();
    json = t.link({ id: 'json', mappings: [JsonMapping.parse({ topic: 'bldg/{device}/{point}' })] });
    sparkplugLink = t.link({ id: 'spb', sparkplug: {} }, { publish: (m) => published.push(m.topic) > 0 });
  });
  afterAll(() => t.close());

  it('never throws, and every JSON message is either taken or a counted dead letter', () => {
    const topic = fc.oneof(fc.constantFrom('bldg/ahu/temp', 'bldg/ahu/mode', 'bldg/vav/flow'), fc.string());
    fc.assert(
      fc.property(topic, payload, (tp, bytes) => {
        const dead = totalDeadLettered(t);
        const queued = t.ingest.queued;
        t.latest.takeChanged();
        expect(json.send(tp, bytes)).toBe(true);
        const taken = t.ingest.queued > queued || t.latest.takeChanged().length > 0;
        expect(taken || totalDeadLettered(t) > dead).toBe(true);
      }),
      { numRuns: 1000 },
    );
    t.ingest.flush();
    expect(t.ingest.lastError).toBeNull();
  });

  it('never throws on random Sparkplug topics and payloads, and counts every payload that is not protobuf', () => {
    const type = fc.constantFrom('NBIRTH', 'NDATA', 'NDEATH', 'DBIRTH', 'DDATA', 'DDEATH', 'BOGUS');
    const topic = fc.tuple(type, fc.constantFrom('', '/dev', '/dev/extra')).map(([ty, rest]) => `spBv1.0/plant/${ty}/edge${rest}`);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.constant(Buffer.from(spb.encodePayload({ timestamp: 1_700_000_000_000, seq: 0, metrics: [{ name: 'x', type: 'Double', value: 1 }] }))),
    );
    fc.assert(
      fc.property(topic, bytes, (tp, b) => {
        const before = t.ingest.counters.deadLettered['bad-sparkplug'] ?? 0;
        expect(sparkplugLink.send(tp, b)).toBe(true);
        let protobuf = true;
        try {
          spb.decodePayload(b);
        } catch {
          protobuf = false;
        }
        if (!protobuf) expect(t.ingest.counters.deadLettered['bad-sparkplug'] ?? 0).toBe(before + 1);
      }),
      { numRuns: 500 },
    );
  });
});
