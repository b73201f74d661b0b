import { afterEach, describe, expect, it, vi } from 'vitest';
import { SampleBatch } from '../../src/core/db/samples';
import { HandOff } from '../../src/core/iot/ingest/hand-off';

const batchOf = (n: number): SampleBatch => {
  const b = new SampleBatch();
  for (let i = 0; i < n; i++) b.push(i + 1, 1000 + i, i, 0);
  return b;
};

afterEach(() => vi.restoreAllMocks());

describe('the ingest hand-off', () => {
  it('runs the stages after the store, in the order they were added', () => {
    const h = new HandOff();
    const seen: string[] = [];
    h.add('alarms', (b) => seen.push(`alarms:${b.size}`));
    h.add('automation', (b) => seen.push(`automation:${b.size}`));
    h.run(batchOf(3));
    expect(seen).toEqual(['alarms:3', 'automation:3']);
    expect(h.names).toEqual(['store', 'alarms', 'automation']);
  });

  it('a stage that throws is counted with its last error; the stages after it still run', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = new HandOff();
    let after = 0;
    h.add('broken', () => {
      throw new Error('no table alarms');
    });
    h.add('after', () => after++);
    h.run(batchOf(1));
    h.run(batchOf(2));
    expect(after).toBe(2);
    expect(h.failures()).toEqual([{ stage: 'broken', failures: 2, lastError: 'no table alarms' }]);
    // Logged once, not once per batch: a broken stage at 100,000 msg/s must not flood the log.
    expect(console.error).toHaveBeenCalledTimes(1);
  });

  it('refuses a second stage of the same name', () => {
    const h = new HandOff();
    h.add('alarms', () => {});
    expect(() => h.add('alarms', () => {})).toThrow(/already added/);
  });
});
