import { describe, expect, it } from 'vitest';
import { StoragePurgeInput } from '../../src/shared/contract/schemas/storage';
import { describePurge, parseDays, purgeRequest, selectionText, type PurgeChoice } from '../../src/renderer/views/settings/storage-purge-request';

const NOW = Date.UTC(2026, 4, 10, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const all: PurgeChoice = { olderThanDays: null, series: ['raw', '1m', '1h'], kinds: [], devices: [], points: [] };

describe('the purge form', () => {
  it('turns the choice into a request the contract accepts, leaving out what means "all"', () => {
    expect(purgeRequest(all, NOW)).toEqual({ confirm: true });
    const narrow: PurgeChoice = {
      olderThanDays: 90,
      series: ['raw', '1m'],
      kinds: ['sensor'],
      devices: [{ id: 4, key: 'hq/ahu1' }],
      points: [{ id: 7, key: 'hq/ahu1/supply-temp' }],
    };
    const request = purgeRequest(narrow, NOW);
    expect(request).toEqual({ confirm: true, olderThan: NOW - 90 * 86_400_000, series: ['raw', '1m'], kinds: ['sensor'], devices: [4], points: [7] });
    expect(StoragePurgeInput.safeParse(request).success).toBe(true);
  });

  it('says in words what will be deleted', () => {
    expect(describePurge(all, NOW, iso)).toBe('Delete all stored history (raw samples and both rollups) of every age of every point. This cannot be undone.');
    const text = describePurge(
      { olderThanDays: 30, series: ['raw'], kinds: ['sensor', 'status'], devices: [{ id: 1, key: 'hq/ahu1' }], points: [] },
      NOW,
      iso,
    );
    expect(text).toBe(
      'Delete raw samples older than 30 days (before 2026-04-10T12:00:00.000Z) of device hq/ahu1, sensor and status points only. This cannot be undone.',
    );
    const many = [1, 2, 3, 4, 5].map((id) => ({ id, key: `p${id}` }));
    expect(describePurge({ ...all, points: many }, NOW, iso)).toContain('of 5 points.');
  });

  it('reads the days field: empty is every age, anything but a positive number is refused', () => {
    expect(parseDays('')).toEqual({ ok: true, days: null });
    expect(parseDays(' 7.5 ')).toEqual({ ok: true, days: 7.5 });
    for (const bad of ['0', '-3', 'abc', 'Infinity']) expect(parseDays(bad).ok).toBe(false);
  });

  it('names what the ticks narrow the purge to', () => {
    expect(selectionText(0, 0)).toMatch(/^Every point/);
    expect(selectionText(1, 0)).toBe('Only the 1 ticked point.');
    expect(selectionText(0, 2)).toBe('Only the points of the 2 ticked devices.');
  });
});
