import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonMapping } from '../../src/shared/contract/schemas/brokers';
import { DEAD_LETTER_RAW_BYTES } from '../../src/shared/contract/schemas/ingest';
import { tempIngest, type TempIngest, type TestLink } from '../helpers/temp-ingest';
import { waitFor } from '../helpers/wait-for';

let t: TempIngest;
let site: TestLink;

/** A fresh ingest with one JSON link on it. */
function open(...args: Parameters<typeof tempIngest>): void {
  t = tempIngest(...args);
  site = t.link({ id: 'site', mappings: [JsonMapping.parse({ topic: 'bldg/{device}/{point}' })] });
}

beforeEach(() => open({ maxPayloadBytes: 10_000 }));
afterEach(() => t.close());

const rows = (): number => (t.db.prepare('SELECT count(*) AS n FROM dead_letters').get() as { n: number }).n;
const send = (topic: string, payload: string | Buffer): boolean => site.send(topic, typeof payload === 'string' ? Buffer.from(payload) : payload);

describe('refused messages become dead letters', () => {
  it('keeps each with its link, topic, reason, words and raw bytes', async () => {
    const now = Date.now();
    send('bldg/ahu1/temp', JSON.stringify({ value: 21, ts: now }));
    const bad: [string, string, string][] = [
      ['elsewhere/x', '1', 'unknown-topic'],
      ['bldg/ahu1/temp', 'not json {', 'not-json'],
      ['bldg/ahu1/temp', '{"value": 1e999}', 'bad-value'],
      ['bldg/ahu1/temp', '{"value": "warm"}', 'bad-value'],
      ['bldg/ahu1/temp', '{"other": 1}', 'no-value'],
      ['bldg/ahu1/temp', '{"value": 20, "ts": -5}', 'bad-timestamp'],
      ['bldg/ahu1/temp', '{"value": 20, "ts": 1e300}', 'bad-timestamp'],
    ];
    for (const [topic, payload] of bad) expect(send(topic, payload)).toBe(true);
    t.ingest.close();
    const { entries } = t.deadLetters.list({ limit: 100 });
    expect(entries.reverse().map((e) => [e.topic, Buffer.from(e.raw, 'base64').toString(), e.reason])).toEqual(bad);
    expect(entries.every((e) => e.linkId === 'site' && e.at >= now && e.message.length > 0)).toBe(true);
    expect(entries.find((e) => e.raw === Buffer.from('{"value": "warm"}').toString('base64'))?.message).toContain('"warm" for numeric point ahu1/temp');
    expect(t.ingest.counters.deadLettered).toEqual({ 'unknown-topic': 1, 'not-json': 1, 'bad-value': 2, 'no-value': 1, 'bad-timestamp': 2 });
  });

  it('keeps the first bytes of an oversized payload and its full size', () => {
    const big = Buffer.alloc(50_000, 'x');
    send('bldg/ahu1/temp', big);
    t.ingest.close();
    const [entry] = t.deadLetters.list({ limit: 1 }).entries;
    expect(entry).toMatchObject({ reason: 'oversized', size: 50_000 });
    expect(Buffer.from(entry!.raw, 'base64')).toEqual(big.subarray(0, DEAD_LETTER_RAW_BYTES));
  });

  it('stores the good values of a message and dead-letters the rest once per reason', () => {
    send('bldg/ahu1/temp', '20');
    send('bldg/ahu1/temp', JSON.stringify([{ value: 21, ts: 1_700_000_000_000 }, { value: 'hot' }, { value: 'cold' }, { value: 22, ts: 1e300 }]));
    t.ingest.close();
    const entries = t.deadLetters.list({ limit: 10 }).entries;
    expect(entries.map((e) => [e.reason, e.message]).sort()).toEqual([
      ['bad-timestamp', '1 of 4 values refused: timestamp 1e+300 of ahu1/temp is no date'],
      ['bad-value', '2 of 4 values refused: "hot" for numeric point ahu1/temp; "cold" for numeric point ahu1/temp'],
    ]);
    const stored = t.db.prepare('SELECT value FROM samples ORDER BY ts').all() as { value: number }[];
    expect(stored.map((s) => s.value)).toEqual([21, 20]);
  });

  it('writes them in batches, not one statement per message, and bounds what waits in memory', async () => {
    // A table roomier than the flood, so that what is missing was dropped by the writer's bound.
    t.close();
    open({}, 100_000);
    for (let i = 0; i < 300; i++) send('elsewhere/ahu1/temp', `garbage ${i} {`);
    // Nothing written while the messages came: the rows wait for the writer's next turn.
    expect(rows()).toBe(0);
    await waitFor(() => rows() === 300, 5000, 'the dead letters written');

    // A flood larger than the writer's bound: every message is counted, only the bound is kept.
    const flood = 20_000;
    for (let i = 0; i < flood; i++) send('elsewhere/ahu1/temp', `flood ${i} {`);
    t.ingest.close();
    const kept = rows() - 300;
    expect(t.ingest.counters.deadLettered['unknown-topic']).toBe(300 + flood);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(flood);
    expect(kept + t.ingest.deadLettersUnrecorded).toBe(flood);
  });

  it('keeps no more rows than the table holds', () => {
    t.close();
    open({}, 50);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 40; i++) site.send(`unmapped/${round}/${i}`, Buffer.from('1'));
      t.ingest.flush();
      t.ingest.close();
    }
    expect(rows()).toBe(50);
    expect(t.deadLetters.list({ limit: 1 }).entries[0]?.topic).toBe('unmapped/4/39');
  });
});
