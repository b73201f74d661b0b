import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/database';
import { DeadLetterTable, type DeadLetterRow } from '../../src/core/db/dead-letters';
import type { DeadLetterReason } from '../../src/shared/contract/schemas/ingest';
import { tempDatabase, type TempDatabase } from '../helpers/temp-database';

let site: TempDatabase;
let db: Db;

beforeEach(() => {
  site = tempDatabase();
  db = site.db;
});

afterEach(() => site.close());

const row = (i: number, reason: DeadLetterReason = 'not-json', linkId = 'site'): DeadLetterRow => ({
  at: 1_700_000_000_000 + i,
  linkId,
  topic: `bldg/dev${i}/temp`,
  reason,
  message: `message ${i}`,
  raw: Buffer.from(`payload ${i}`),
  size: 8 + String(i).length,
});
const rowCount = (): number => (db.prepare('SELECT count(*) AS n FROM dead_letters').get() as { n: number }).n;

describe('the dead-letter table', () => {
  it('keeps at most its capacity, dropping the oldest rows', () => {
    const table = new DeadLetterTable(db, 25);
    for (let batch = 0; batch < 4; batch++) table.write(Array.from({ length: 10 }, (_, i) => row(batch * 10 + i)));
    expect(rowCount()).toBe(25);
    const { entries, more } = table.list({ limit: 100 });
    expect(more).toBe(false);
    expect(entries.map((e) => e.message)).toEqual(Array.from({ length: 25 }, (_, i) => `message ${39 - i}`));
    // One batch larger than the table keeps only its newest rows.
    table.write(Array.from({ length: 60 }, (_, i) => row(100 + i)));
    expect(rowCount()).toBe(25);
    expect(table.list({ limit: 1 }).entries[0]?.message).toBe('message 159');
  });

  it('gives the raw bytes back as base64 with the original size', () => {
    const table = new DeadLetterTable(db, 10);
    const raw = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x7b]);
    table.write([{ ...row(1), raw, size: 5000 }]);
    const [entry] = table.list({ limit: 10 }).entries;
    expect(Buffer.from(entry!.raw, 'base64')).toEqual(raw);
    expect(entry).toMatchObject({ size: 5000, linkId: 'site', topic: 'bldg/dev1/temp', reason: 'not-json', at: 1_700_000_000_001 });
  });

  it('filters by reason and link and pages from newest to oldest', () => {
    const table = new DeadLetterTable(db, 1000);
    table.write(Array.from({ length: 30 }, (_, i) => row(i, i % 3 === 0 ? 'bad-value' : 'not-json', i % 2 === 0 ? 'a' : 'b')));
    const bad = table.list({ reason: 'bad-value', limit: 100 }).entries;
    expect(bad.map((e) => e.message)).toEqual([27, 24, 21, 18, 15, 12, 9, 6, 3, 0].map((i) => `message ${i}`));
    const badOnA = table.list({ reason: 'bad-value', linkId: 'a', limit: 100 }).entries;
    expect(badOnA.map((e) => e.message)).toEqual([24, 18, 12, 6, 0].map((i) => `message ${i}`));

    const seen: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = table.list({ limit: 7, before });
      seen.push(...page.entries.map((e) => e.message));
      if (!page.more) break;
      before = page.entries.at(-1)!.id;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `message ${29 - i}`));
  });

  it('counts the rows of each reason', () => {
    const table = new DeadLetterTable(db, 1000);
    table.write([row(1, 'oversized'), row(2, 'oversized'), row(3, 'bad-sparkplug')]);
    expect(Object.fromEntries(table.countByReason())).toEqual({ oversized: 2, 'bad-sparkplug': 1 });
  });
});
