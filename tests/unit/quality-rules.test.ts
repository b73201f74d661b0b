import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/core/db/database';
import { LatestTable } from '../../src/core/db/latest';
import { SampleBatch } from '../../src/core/db/samples';
import { LatestValues } from '../../src/core/model/latest-values';
import { QualityAssessor, tablePolicy, usableSamples, type QualityPolicy } from '../../src/core/model/quality/quality';
import { mergeLimits, tableLimits } from '../../src/core/model/quality/quality-limits';
import type { Point } from '../../src/core/model/registry';
import type { QualityLimits } from '../../src/shared/contract/schemas/devices';
import { qualityReasons, qualityReasonsOf } from '../../src/shared/quality';
import { tempDir } from '../helpers/temp-dir';

const T0 = Date.UTC(2026, 0, 10, 8, 0, 0);
const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const bit = qualityReasons;

let nextId = 1;
function point(unit: string | null, tags: string[], extra: Partial<Point> = {}): Point {
  const id = nextId++;
  return { id, key: `d/p${id}`, name: `p${id}`, deviceId: 1, deviceKey: 'd', kind: 'sensor', valueType: 'number', unit, tags, spaceId: null, ...extra };
}

/** Feeds samples in order as they would arrive, each received at its own time; returns each one's reasons. */
function feed(q: QualityAssessor, p: Point, samples: [ts: number, value: number | boolean][]): string[][] {
  let prev: { id: number; ts: number; value: number | boolean; quality: number } | undefined;
  return samples.map(([ts, value]) => {
    const code = q.assess(p, ts, value, ts, prev);
    prev = { id: p.id, ts, value, quality: code };
    return qualityReasonsOf(code);
  });
}

describe('physical range, from the built-in table by unit and tags', () => {
  const q = new QualityAssessor();
  const cases: [unit: string, tags: string[], inside: number, outside: number][] = [
    ['°C', ['zone', 'air', 'temp'], 21.5, 151],
    ['°C', ['air'], -49, -51],
    ['%RH', ['humidity'], 100, 100.5],
    ['ppm', ['co2'], 9_999, 10_001],
    ['%', ['damper'], 0, -0.1],
    ['kW', ['power'], 0, -1],
    ['W/m²', ['solar'], 1_200, 2_000],
    ['dBm', ['rssi'], -90, -200],
  ];
  for (const [unit, tags, inside, outside] of cases) {
    it(`${unit} ${tags.join(',')}: ${inside} is in range, ${outside} is not`, () => {
      const p = point(unit, tags);
      expect(feed(q, p, [[T0, inside]])).toEqual([[]]);
      const p2 = point(unit, tags);
      expect(feed(q, p2, [[T0, outside]])).toEqual([['outOfRange']]);
    });
  }

  it('a discovered point without tags is judged by its unit and name', () => {
    expect(tableLimits(point('°C', [], { name: 'temperature' }))).toMatchObject({ min: -60, max: 300 });
    expect(tableLimits(point('ppm', [], { name: 'co2' }))).toMatchObject({ max: 10_000, maxRatePerS: 200 });
    expect(tableLimits(point(null, []))).toEqual({});
  });

  it('out of range is bad: it never feeds alarms or finance', () => {
    const p = point('%RH', ['humidity']);
    const code = new QualityAssessor().assess(p, T0, 140, T0, undefined);
    const batch = new SampleBatch();
    batch.push(p.id, T0, 140, code);
    batch.push(p.id, T0 + S, 50, 0);
    expect([...usableSamples(batch)].map((s) => s.value)).toEqual([50]);
  });
});

describe('energy counters never decrease', () => {
  it('flags the sample that goes back, and only that one', () => {
    const p = point('kWh', ['elec', 'meter', 'energy']);
    expect(feed(new QualityAssessor(), p, [[T0, 100], [T0 + MIN, 100.4], [T0 + 2 * MIN, 99], [T0 + 3 * MIN, 99.5], [T0 + 4 * MIN, 99.9]])).toEqual([
      [],
      [],
      ['outOfRange'],
      [],
      [],
    ]);
  });

  it('a power reading may go down', () => {
    const p = point('kW', ['elec', 'power']);
    expect(feed(new QualityAssessor(), p, [[T0, 50], [T0 + MIN, 20]])).toEqual([[], []]);
  });
});

describe('rate-of-change spike', () => {
  it('a jump faster than the limit is a spike; the next sample is judged against the last good one', () => {
    const p = point('°C', ['zone', 'air', 'temp']);
    expect(feed(new QualityAssessor(), p, [[T0, 21], [T0 + 2 * S, 35], [T0 + 4 * S, 21.2], [T0 + 14 * S, 22]])).toEqual([[], ['spike'], [], []]);
  });

  it('a fast but possible change is not a spike, nor are two readings a millisecond apart', () => {
    const p = point('°C', ['zone', 'air', 'temp']);
    expect(feed(new QualityAssessor(), p, [[T0, 21], [T0 + 10 * S, 25], [T0 + 10 * S + 1, 25.5]])).toEqual([[], [], []]);
  });

  it('a step that holds stops being a spike once enough time has passed at the limit', () => {
    const p = point('°C', ['zone', 'air', 'temp']);
    const out = feed(new QualityAssessor(), p, [[T0, 20], [T0 + 2 * S, 30], [T0 + 6 * S, 30], [T0 + 11 * S, 30], [T0 + 13 * S, 30]]);
    expect(out).toEqual([[], ['spike'], ['spike'], [], []]);
  });

  it('setpoints and commands move in steps: no spike check', () => {
    const sp = point('°C', ['zone', 'air', 'temp', 'sp'], { kind: 'setpoint' });
    expect(feed(new QualityAssessor(), sp, [[T0, 18], [T0 + S, 24]])).toEqual([[], []]);
  });
});

describe('flatline', () => {
  it('the same value for longer than the window is a flatline; a change ends it', () => {
    const p = point('°C', ['zone', 'air', 'temp']);
    const samples: [number, number][] = [];
    for (let t = 0; t <= 5 * HOUR; t += 30 * MIN) samples.push([T0 + t, 21.5]);
    samples.push([T0 + 5 * HOUR + 30 * MIN, 21.6]);
    const out = feed(new QualityAssessor(), p, samples);
    // The window of a room air temperature is 4 h: samples after 4 h of the same value are flagged.
    expect(out.map((r) => r.includes('flatline'))).toEqual([false, false, false, false, false, false, false, false, false, true, true, false]);
  });

  it('is not judged for setpoints, status points or quantities without a window', () => {
    const sp = point('°C', ['air', 'sp'], { kind: 'setpoint' });
    const lux = point('lx', ['illuminance']);
    const samples: [number, number][] = Array.from({ length: 12 }, (_, i) => [T0 + i * HOUR, 0]);
    expect(feed(new QualityAssessor(), sp, samples).flat()).toEqual([]);
    expect(feed(new QualityAssessor(), lux, samples).flat()).toEqual([]);
  });
});

describe('timestamps and duplicates', () => {
  it('in the future, far in the past, and the same time twice', () => {
    const q = new QualityAssessor();
    const p = point('°C', ['air']);
    expect(qualityReasonsOf(q.assess(p, T0 + HOUR, 21, T0, undefined))).toEqual(['futureTimestamp']);
    expect(qualityReasonsOf(q.assess(p, T0 - 400 * 24 * HOUR, 21, T0, undefined))).toEqual(['oldTimestamp']);
    const first = q.assess(p, T0, 21, T0, undefined);
    expect(qualityReasonsOf(q.assess(p, T0, 21, T0 + S, { id: p.id, ts: T0, value: 21, quality: first }))).toEqual(['duplicate']);
  });
});

describe('limits layered: table, profile, point', () => {
  it('a later layer sets or switches off a check; a left-out key keeps the one below', () => {
    const table: QualityLimits = { min: -50, max: 150, maxRatePerS: 1, flatlineS: 14_400 };
    expect(mergeLimits(table, { min: -10, max: 60 }, { flatlineS: null })).toEqual({ min: -10, max: 60, maxRatePerS: 1, flatlineS: null });
  });

  it('the assessor follows its policy and rebuilds its rules when the policy changes', () => {
    const policy: QualityPolicy & { version: number; extra: QualityLimits } = {
      version: 1,
      extra: {},
      limits(p) {
        return mergeLimits(tableLimits(p), this.extra);
      },
      expectedIntervalMs: () => NaN,
    };
    const q = new QualityAssessor(policy);
    const p = point('°C', ['zone', 'air', 'temp']);
    expect(qualityReasonsOf(q.assess(p, T0, 70, T0, undefined))).toEqual([]);
    policy.extra = { max: 60 };
    policy.version++;
    expect(qualityReasonsOf(q.assess(p, T0 + HOUR, 70, T0 + HOUR, undefined))).toEqual(['outOfRange']);
  });
});

describe('stale sweep', () => {
  let dir: string;
  let db: Db;
  let latest: LatestValues;

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(path.join(dir, 'site.db'));
    latest = new LatestValues(new LatestTable(db), () => false);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Assesses and makes the value the latest, as the ingest path does. */
  function take(q: QualityAssessor, p: Point, ts: number, value: number): void {
    const code = q.assess(p, ts, value, ts, latest.get(p.id));
    latest.update(p.id, ts, value, code);
  }

  const profiled: QualityPolicy = { version: 1, limits: tableLimits, expectedIntervalMs: () => 10 * S };
  const never = () => false;

  it('marks the latest value stale after 2.5 expected intervals, once, and a new sample clears it', () => {
    const q = new QualityAssessor(profiled);
    const p = point('°C', ['air']);
    take(q, p, T0, 21);
    latest.takeChanged();
    expect(q.sweepStale(T0 + 24 * S, [p], latest, never)).toBe(0);
    expect(q.sweepStale(T0 + 26 * S, [p], latest, never)).toBe(1);
    // The value and its time stay; only the quality changes, and that goes out as a change.
    expect(latest.get(p.id)).toMatchObject({ ts: T0, value: 21, quality: bit.stale.bit });
    expect(latest.takeChanged()).toEqual([{ id: p.id, ts: T0, value: 21, quality: bit.stale.bit }]);
    expect(q.sweepStale(T0 + 40 * S, [p], latest, never)).toBe(0);
    take(q, p, T0 + 45 * S, 21.2);
    expect(latest.get(p.id)!.quality).toBe(0);
  });

  it('without a profile, a sensor is stale after 2.5 of the intervals it has shown', () => {
    const q = new QualityAssessor(tablePolicy);
    const p = point('°C', ['air']);
    for (let i = 0; i < 5; i++) take(q, p, T0 + i * 4 * S, 21 + i * 0.1);
    const last = T0 + 16 * S;
    expect(q.sweepStale(last + 9 * S, [p], latest, never)).toBe(0);
    expect(q.sweepStale(last + 11 * S, [p], latest, never)).toBe(1);
  });

  it('staleS: null on the point turns the check off', () => {
    const q = new QualityAssessor({ version: 1, limits: (pt) => mergeLimits(tableLimits(pt), { staleS: null }), expectedIntervalMs: () => 10 * S });
    const p = point('°C', ['air']);
    take(q, p, T0, 21);
    expect(q.sweepStale(T0 + HOUR, [p], latest, never)).toBe(0);
  });

  it('values of a device that reported itself offline are marked so', () => {
    const q = new QualityAssessor(profiled);
    const p = point('°C', ['air']);
    take(q, p, T0, 21);
    expect(q.sweepStale(T0 + S, [p], latest, (device) => device === p.deviceId)).toBe(1);
    expect(qualityReasonsOf(latest.get(p.id)!.quality)).toEqual(['deviceOffline']);
  });
});

describe('quality summary over the last hour', () => {
  it('counts samples by level and reason, most frequent reason first, and forgets what is older than the window', () => {
    const q = new QualityAssessor();
    const p = point('°C', ['zone', 'air', 'temp']);
    feed(q, p, [[T0, 21], [T0 + 2 * S, 35], [T0 + 4 * S, 200], [T0 + 6 * S, 201], [T0 + 8 * S, 21.1]]);
    expect(q.summary(p.id, T0 + 10 * S)).toEqual({
      windowS: 3600,
      good: 2,
      uncertain: 1,
      bad: 2,
      // 200 and 201 are both out of range and, after 21, a spike.
      reasons: [
        { reason: 'spike', count: 3 },
        { reason: 'outOfRange', count: 2 },
      ],
    });
    expect(q.summary(p.id, T0 + 2 * HOUR)).toMatchObject({ good: 0, uncertain: 0, bad: 0, reasons: [] });
  });
});
