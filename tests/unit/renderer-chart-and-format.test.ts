import { describe, expect, it } from 'vitest';
import { bandPath, linePath, niceScale, timeTicks, typicalSpacing } from '../../src/renderer/components/chart-scale';
import { formatAge, formatBytes, formatDuration, formatNumber, formatValue } from '../../src/renderer/lib/format';
import { rpcUrl, splitToken } from '../../src/renderer/api/token-url';
import { parseRoute, routeHref } from '../../src/renderer/shell/routes';

describe('chart scales', () => {
  it('covers the data with round ticks', () => {
    expect(niceScale(19.3, 23.8, 5)).toEqual({ min: 18, max: 24, ticks: [18, 20, 22, 24] });
    expect(niceScale(19.3, 23.8, 8).ticks).toEqual([19, 20, 21, 22, 23, 24]);
    const small = niceScale(0.1, 0.3, 3);
    expect(small).toEqual({ min: 0.1, max: 0.3, ticks: [0.1, 0.2, 0.3] });
    // A flat series still gets a range to draw in.
    const flat = niceScale(21, 21);
    expect(flat.min).toBeLessThan(21);
    expect(flat.max).toBeGreaterThan(21);
  });

  it('puts time ticks on whole local hours or minutes', () => {
    const from = Date.UTC(2025, 0, 6, 10, 7);
    const ticks = timeTicks(from, from + 3_600_000, 6, 0);
    expect(ticks[0]).toBe(Date.UTC(2025, 0, 6, 10, 10));
    expect(ticks).toHaveLength(6);
    expect(ticks.every((t, i) => i === 0 || t - ticks[i - 1]! === 10 * 60_000)).toBe(true);
    const day = timeTicks(from, from + 86_400_000, 6, 0);
    expect(day.every((t) => t % (4 * 3_600_000) === 0 || t % (6 * 3_600_000) === 0)).toBe(true);
  });

  it('breaks the line and the band where the record has a gap', () => {
    const pts = [0, 10, 20, 100, 110].map((t) => ({ t, x: t, y: 1, yMin: 0, yMax: 2 }));
    const gap = typicalSpacing(pts.map((p) => p.t)) * 2;
    expect(gap).toBe(20);
    expect(linePath(pts, gap)).toBe('M0.0,1.0L10.0,1.0L20.0,1.0M100.0,1.0L110.0,1.0');
    expect(linePath(pts.slice(0, 2), gap, true)).toBe('M0.0,1.0H10.0V1.0');
    expect(bandPath(pts, gap).match(/Z/g)).toHaveLength(2);
  });
});

describe('formatting', () => {
  it('formats values, ages, durations and sizes for people', () => {
    expect(formatNumber(21.437)).toBe('21.44');
    expect(formatNumber(412.55)).toBe('412.6');
    expect(formatNumber(12034.4)).toBe('12,034');
    expect(formatValue(true)).toBe('on');
    expect(formatValue('auto')).toBe('auto');
    expect(formatAge(3400)).toBe('3 s ago');
    expect(formatAge(5 * 60_000)).toBe('5 min ago');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 05 min');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12)).toBe('12 B');
  });
});

describe('console address', () => {
  it('takes the token out of the address and keeps the rest', () => {
    expect(splitToken('http://127.0.0.1:7420/?token=abc#/points')).toEqual({ token: 'abc', cleanUrl: 'http://127.0.0.1:7420/#/points' });
    expect(splitToken('http://127.0.0.1:7420/?x=1&token=abc')).toEqual({ token: 'abc', cleanUrl: 'http://127.0.0.1:7420/?x=1' });
    expect(splitToken('http://127.0.0.1:7420/#/points')).toEqual({ token: null, cleanUrl: 'http://127.0.0.1:7420/#/points' });
  });

  it('opens the socket on the same host, wss under https', () => {
    expect(rpcUrl('http://127.0.0.1:7420/#/x', 'a b')).toBe('ws://127.0.0.1:7420/rpc?token=a%20b');
    expect(rpcUrl('https://10.0.0.5:7420/', 't')).toBe('wss://10.0.0.5:7420/rpc?token=t');
  });

  it('reads screens from the hash, falling back to the building', () => {
    expect(parseRoute('#/points/42')).toEqual({ screen: 'points', param: '42' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'building', param: null });
    expect(parseRoute('')).toEqual({ screen: 'building', param: null });
    expect(routeHref('points', 7)).toBe('#/points/7');
  });
});
