import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ackAfterCommit } from '../../src/core/iot/transport/broker-acks';
import { JsonMapping } from '../../src/shared/contract/schemas/brokers';
import { tempIngest, type TempIngest, type TestLink } from '../helpers/temp-ingest';
import { waitFor } from '../helpers/wait-for';

/**
 * Real failures of a real SQLite file: a full disk (SQLite's own page limit, which fails a write exactly
 * as a full disk does, with SQLITE_FULL) and a write lock held by another connection (SQLITE_BUSY).
 */
let t: TempIngest;
let site: TestLink;
let commits: number;
const T0 = Date.now() - 3_600_000;

beforeEach(() => {
  t = tempIngest({ batchMs: 10, batchSize: 500, maxQueued: 2000 });
  site = t.link({ id: 'site', mappings: [JsonMapping.parse({ topic: 'bldg/{device}/{point}' })] });
  commits = 0;
  t.ingest.handOff.add('count', () => commits++);
});
afterEach(() => t.close());

const storedRows = (): number => (t.db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
const send = (i: number, topic = 'bldg/ahu1/temp'): boolean => site.send(topic, Buffer.from(JSON.stringify({ value: i % 50, ts: T0 + i })));

/** Caps the file at its present size: the next write that needs a page fails with SQLITE_FULL. */
function fillDisk(): void {
  t.db.pragma('wal_checkpoint(TRUNCATE)');
  t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true }) as number}`);
}
const freeDisk = (): void => void t.db.pragma('max_page_count = 1073741823');

describe('a commit that fails', () => {
  it('keeps its samples, says why in words, tells no listener, and stores them all once the disk has room', async () => {
    send(0);
    t.ingest.flush();
    expect(storedRows()).toBe(1);
    const whenCommitted = ackAfterCommit(t.ingest);
    fillDisk();

    for (let i = 1; i <= 1500; i++) send(i);
    let acked = false;
    whenCommitted(() => (acked = true));
    await waitFor(() => t.ingest.counters.commitFailures >= 2, 5000, 'a failed commit and its retry');
    expect(t.ingest.lastError).toMatch(/^cannot write samples: the disk is full \(SQLITE_FULL: /);
    expect(t.ingest.queued).toBe(1500);
    expect(t.ingest.counters.stored).toBe(1);
    expect(commits).toBe(1);
    expect(acked).toBe(false);
    expect(storedRows()).toBe(1);

    freeDisk();
    await waitFor(() => t.ingest.queued === 0, 15_000, 'the retry to commit');
    expect(storedRows()).toBe(1501);
    expect(t.ingest.counters.stored).toBe(1501);
    expect(t.ingest.lastError).toBeNull();
    expect(acked).toBe(true);
    // The 1500 samples were held as batches of at most batchSize, each committed (and handed on) in turn.
    expect(commits).toBe(1 + 3);
  });

  it('keeps its samples while another program holds the write lock', async () => {
    send(0);
    t.ingest.flush();
    // Without a busy timeout the lock is reported at once instead of after SQLite's wait.
    t.db.pragma('busy_timeout = 0');
    const other = new Database(t.file);
    other.exec('BEGIN IMMEDIATE');
    try {
      for (let i = 1; i <= 10; i++) send(i);
      await waitFor(() => t.ingest.lastError !== null, 5000, 'the commit to fail');
      expect(t.ingest.lastError).toMatch(/^cannot write samples: the database is locked by another program \(SQLITE_BUSY/);
      expect(t.ingest.queued).toBe(10);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    await waitFor(() => t.ingest.queued === 0, 15_000, 'the retry to commit');
    expect(storedRows()).toBe(11);
    expect(t.ingest.lastError).toBeNull();
  });

  it('drops and counts what comes past the queue bound while the database refuses, and no more memory is held', async () => {
    for (let d = 0; d < 100; d++) send(0, `bldg/dev${d}/temp`);
    t.ingest.flush();
    fillDisk();
    for (let i = 1; i <= 1000; i++) send(i);
    await waitFor(() => t.ingest.lastError !== null, 5000, 'the commit to fail');

    const flood = 20_000;
    let refused = 0;
    for (let i = 1001; i < 1001 + flood; i++) if (!send(i, `bldg/dev${i % 100}/temp`)) refused++;
    expect(t.ingest.queued).toBe(2000);
    expect(refused).toBe(flood - 1000);
    expect(t.ingest.counters.dropped).toBe(refused);
    expect(t.ingest.counters.deadLettered.overflow).toBe(refused);

    freeDisk();
    await waitFor(() => t.ingest.queued === 0, 15_000, 'the held samples to be committed');
    expect(storedRows()).toBe(100 + 2000);
    // Room again: messages are taken again.
    expect(send(99_999)).toBe(true);
  });

  it('does not take a message whose new point the full disk cannot register, and says so', () => {
    send(0);
    t.ingest.flush();
    fillDisk();
    let refused = 0;
    for (let d = 0; d < 200; d++) if (!send(1, `bldg/new${d}/temp`)) refused++;
    expect(refused).toBeGreaterThan(0);
    expect(t.ingest.counters.dropped).toBe(refused);
    expect(t.ingest.lastError).toMatch(/^cannot register new points or devices: the disk is full \(SQLITE_FULL/);
    freeDisk();
    expect(send(2, 'bldg/new199/temp')).toBe(true);
    t.ingest.flush();
    expect(t.ingest.lastError).toBeNull();
    expect(t.registry.point('new199/temp')).toBeDefined();
  });

  it('keeps dead letters the full disk refused and writes them once it has room', async () => {
    fillDisk();
    for (let i = 0; i < 50; i++) site.send('elsewhere/x', Buffer.alloc(3000, i));
    await waitFor(() => t.ingest.lastError !== null, 5000, 'the dead-letter write to fail');
    expect(t.ingest.lastError).toMatch(/^cannot write dead letters: the disk is full/);
    expect(t.deadLetters.list({ limit: 100 }).entries).toEqual([]);
    freeDisk();
    t.ingest.close();
    expect(t.deadLetters.list({ limit: 100 }).entries).toHaveLength(50);
    expect(t.ingest.deadLettersUnrecorded).toBe(0);
  });

  it('gives up nothing at close when the last commit can go through', () => {
    fillDisk();
    for (let i = 0; i < 100; i++) send(i);
    freeDisk();
    t.ingest.close();
    expect(storedRows()).toBe(100);
  });
});
