import { describe, expect, it } from 'vitest';
import { axisLabels, axisWidth, bandPath, linePath, niceScale, stepDecimals, textWidthEm, timeTicks, typicalSpacing } from '../../src/renderer/components/chart-scale';
import { historyGeometry, type HistoryBucket } from '../../src/renderer/components/history-geometry';
import { formatAge, formatBytes, formatCompact, formatDuration, formatNumber, formatValue, valueSize } from '../../src/renderer/lib/format';
import { rpcUrl, splitToken } from '../../src/renderer/api/token-url';
import { parseRoute, routeHref } from '../../src/renderer/navigation/routes';

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

  it('labels the ticks with the decimals their step needs, compact from a million on when that tells them apart', () => {
    expect([stepDecimals(5), stepDecimals(0.5), stepDecimals(0.25), stepDecimals(0.1), stepDecimals(2e-7)]).toEqual([0, 1, 2, 1, 7]);
    expect(axisLabels([18, 20, 22, 24])).toEqual(['18', '20', '22', '24']);
    expect(axisLabels([0, 0.005, 0.01])).toEqual(['0', '0.005', '0.010']);
    expect(axisLabels([12_000, 13_000])).toEqual(['12,000', '13,000']);
    expect(axisLabels([9_000_000, 9_500_000, 10_000_000])).toEqual(['9.0 M', '9.5 M', '10.0 M']);
    expect(axisLabels([9_630_000, 9_640_000])).toEqual(['9.63 M', '9.64 M']);
    expect(axisLabels([1.2e9, 1.3e9])).toEqual(['1.2 G', '1.3 G']);
    // A meter counter that moved a few units in the period: compact labels would all read 9.64 M.
    expect(axisLabels([9_638_445, 9_638_450, 9_638_455])).toEqual(['9,638,445', '9,638,450', '9,638,455']);
    expect(axisLabels([9_638_445, 9_638_445.2, 9_638_445.4])).toEqual(['9,638,445.0', '9,638,445.2', '9,638,445.4']);
  });

  it('makes the y axis as wide as its widest label', () => {
    expect(textWidthEm('9,638,445')).toBeCloseTo(7 * 0.64 + 2 * 0.34);
    expect(axisWidth(['18', '24'], 12)).toBe(Math.ceil(2 * 0.64 * 12 + 8));
    expect(axisWidth(['9,638,445', '9,638,450'], 12)).toBe(Math.ceil(textWidthEm('9,638,450') * 12 + 8));
    expect(axisWidth(['9.5 M', '10.0 M'], 10, 4)).toBe(Math.ceil(textWidthEm('10.0 M') * 10 + 4));
    expect(axisWidth([], 12)).toBe(8);
  });
});

describe('history chart geometry', () => {
  const MIN = 60_000;
  const bucket = (ts: number, value: number): HistoryBucket => ({ ts, value, min: value, max: value, count: 1, quality: 0 });
  const base = { from: 0, to: 60 * MIN, bucketMs: 0, binary: false, width: 500, height: 240, labelPx: 12 };

  it('gives a large counter an axis wide enough for its labels and distinct ticks', () => {
    const samples = Array.from({ length: 60 }, (_, i) => bucket(i * MIN, 9_638_445 + i / 5));
    const geo = historyGeometry({ ...base, samples });
    expect(new Set(geo.yLabels).size).toBe(geo.yLabels.length);
    const widest = Math.max(...geo.yLabels.map((l) => textWidthEm(l) * 12));
    expect(geo.yLabels).toEqual(['9,638,445', '9,638,450', '9,638,455', '9,638,460']);
    expect(geo.left).toBeGreaterThanOrEqual(widest + 8);
    expect(geo.left + geo.w + 14).toBe(500);
    // Small values keep a narrow axis, so the plot does not lose width to nothing.
    const small = historyGeometry({ ...base, samples: samples.map((s) => bucket(s.ts, 21 + s.ts / (60 * MIN))) });
    expect(small.left).toBeLessThan(geo.left);
  });

  it('draws a flat series as a line inside the plot, with an axis around it', () => {
    const samples = Array.from({ length: 30 }, (_, i) => bucket(i * 2 * MIN, 1_234_567));
    const geo = historyGeometry({ ...base, samples });
    expect(geo.y.min).toBeLessThan(1_234_567);
    expect(geo.y.max).toBeGreaterThan(1_234_567);
    expect(new Set(geo.yLabels).size).toBe(geo.yLabels.length);
    const ys = new Set(geo.pts.map((p) => p.y));
    expect(ys.size).toBe(1);
    const [y] = [...ys];
    expect(y).toBeGreaterThan(geo.top);
    expect(y).toBeLessThan(geo.top + geo.h);
    expect(geo.line.match(/M/g)).toHaveLength(1);
    expect(geo.lone).toEqual([]);
  });

  it('leaves gaps open and marks samples that no line reaches', () => {
    // Every minute, then nothing for 20 minutes, one sample alone, nothing again, then every minute.
    const times = [0, 1, 2, 3, 4, 25, 45, 46, 47].map((m) => m * MIN);
    const geo = historyGeometry({ ...base, samples: times.map((t, i) => bucket(t, 21_000_000 + i * 37_000)) });
    expect(geo.line.match(/M/g)).toHaveLength(3);
    expect(geo.lone.map((p) => p.t)).toEqual([25 * MIN]);
    expect(geo.yLabels).toContain('21.0 M');
    // A single sample is a dot too.
    expect(historyGeometry({ ...base, samples: [bucket(10 * MIN, 5)] }).lone).toHaveLength(1);
  });

  it('labels on/off values in words', () => {
    const geo = historyGeometry({ ...base, binary: true, samples: [bucket(0, 0), bucket(MIN, 1)] });
    expect(geo.yLabels).toEqual(['off', 'on']);
    expect(geo.line).toContain('H');
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

  it('keeps large numbers readable and small ones from showing as 0', () => {
    expect(formatNumber(9_638_445.3)).toBe('9,638,445');
    expect(formatNumber(-123_456_789.4)).toBe('-123,456,789');
    expect(formatNumber(1234.4)).toBe('1234');
    expect(formatNumber(9999.6)).toBe('10,000');
    expect(formatNumber(12_345_678_901)).toBe('12.35 G');
    expect(formatNumber(999_999_999.6)).toBe('1 G');
    expect(formatNumber(0.00012345)).toBe('0.000123');
    expect(formatNumber(0.125)).toBe('0.125');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatCompact(9_638_445)).toBe('9.64 M');
    expect(formatCompact(999_950)).toBe('1 M');
    expect(formatCompact(250_000)).toBe('250 k');
    expect(formatCompact(-1500)).toBe('-1.5 k');
    expect(formatCompact(12.5)).toBe('12.5');
    expect(formatCompact(1e21)).toBe('1.00e+21');
  });

  it('steps long values down a size instead of letting them overflow', () => {
    expect(valueSize(formatNumber(123_456))).toBe('normal');
    expect(valueSize(formatNumber(9_638_445))).toBe('long');
    expect(valueSize(formatNumber(-123_456))).toBe('long');
    expect(valueSize(formatNumber(-1_234_567))).toBe('longer');
    expect(valueSize(formatNumber(123_456_789))).toBe('longer');
    // The longest a number gets, negative and just below the compact form.
    expect(formatNumber(-999_999_999.4)).toHaveLength(12);
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
