import { describe, expect, it } from 'vitest';
import { loadDemoBuilding, type DemoDevice } from '../../src/core/demo/building';
import { LocalClock } from '../../src/core/demo/simulator/local-time';
import { Simulation } from '../../src/core/demo/simulator/simulation';
import { RANGES } from '../helpers/demo-ranges';

const building = loadDemoBuilding();
const HOUR = 3_600_000;
const byKey = (key: string) => building.devices.find((d) => d.key === key)!;
const clock = new LocalClock(building.site.timeZone);

interface Sample {
  t: number;
  values: Map<string, number | boolean>;
}

/** A week of the building, sampled every 15 simulated minutes. */
function week(startMs: number): Sample[] {
  const sim = new Simulation(building, startMs);
  const out: Sample[] = [];
  for (let t = startMs; t <= startMs + 7 * 24 * HOUR; t += HOUR / 4) {
    sim.advanceTo(t);
    const values = new Map<string, number | boolean>();
    for (const d of building.devices) for (const [name, v] of Object.entries(sim.deviceValues(d))) values.set(`${d.key}/${name}`, v);
    out.push({ t, values });
  }
  return out;
}

const january = week(Date.UTC(2025, 0, 13));
const july = week(Date.UTC(2025, 6, 14));
const num = (s: Sample, key: string) => s.values.get(key) as number;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const occupiedHours = (samples: Sample[]) =>
  samples.filter((s) => {
    const local = clock.at(s.t);
    return local.weekday >= 1 && local.weekday <= 5 && local.hour >= 9 && local.hour < 17;
  });

describe('the simulated building', () => {
  it('reports every point of every device, in plausible ranges, winter and summer', () => {
    const problems: string[] = [];
    for (const samples of [january, july]) {
      for (const s of samples) {
        for (const d of building.devices) {
          for (const p of d.points) {
            const key = `${d.key}/${p.name}`;
            const v = s.values.get(key);
            if (p.valueType === 'boolean') {
              if (typeof v !== 'boolean') problems.push(`${key} is ${String(v)}`);
              continue;
            }
            const [lo, hi] = p.unit === null ? [0, 100] : RANGES[p.unit]!;
            if (typeof v !== 'number' || !(v >= lo && v <= hi)) problems.push(`${key} is ${String(v)} at ${new Date(s.t).toISOString()}`);
          }
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('holds conditioned rooms near their setpoints in working hours', () => {
    const vavs = building.devices.filter((d): d is Extract<DemoDevice, { type: 'vav' }> => d.type === 'vav');
    for (const samples of [january, july]) {
      const hours = occupiedHours(samples);
      for (const v of vavs) {
        const temps = hours.map((s) => num(s, `${v.spaceId}/sensor/temp`));
        expect(Math.abs(mean(temps) - v.design.occupiedSetpointC), v.spaceId).toBeLessThan(1.5);
        expect(Math.min(...temps), v.spaceId).toBeGreaterThan(18);
        expect(Math.max(...temps), v.spaceId).toBeLessThan(28);
      }
    }
    const server = january.map((s) => num(s, 'hq/f0/server/sensor/temp'));
    expect(Math.max(...server)).toBeLessThan(25);
  });

  it('fires the boiler in winter and works the chiller harder in summer', () => {
    const firing = (samples: Sample[]) => mean(samples.map((s) => num(s, 'hq/f0/plant/boiler/firingRate')));
    const chiller = (samples: Sample[]) => mean(samples.map((s) => num(s, 'hq/roof/deck/chiller/power')));
    expect(firing(january)).toBeGreaterThan(3 * firing(july));
    expect(chiller(july)).toBeGreaterThan(2 * chiller(january));
    // The server room needs cooling all year, so the chiller never stops for long.
    expect(mean(january.map((s) => (s.values.get('hq/roof/deck/chiller/running') ? 1 : 0)))).toBeGreaterThan(0.9);
  });

  it('ventilates: CO2 rises with people and stays within limits', () => {
    const hours = occupiedHours(january);
    const meeting = hours.filter((s) => num(s, 'hq/f1/r104/sensor/occupancy') >= 6).map((s) => num(s, 'hq/f1/r104/sensor/co2'));
    const nights = january.filter((s) => clock.at(s.t).hour < 5).map((s) => num(s, 'hq/f1/r104/sensor/co2'));
    expect(meeting.length).toBeGreaterThan(0);
    expect(mean(meeting)).toBeGreaterThan(mean(nights) + 150);
    expect(Math.max(...meeting)).toBeLessThan(1500);
  });

  it('lights rooms when people are in and leaves them dark when they are empty', () => {
    for (const s of january) {
      if (num(s, 'hq/f0/r012/sensor/occupancy') === 0) expect(num(s, 'hq/f0/r012/lights/level')).toBe(0);
    }
    const darkAndOccupied = january.filter((s) => num(s, 'hq/f0/r012/sensor/occupancy') > 0 && num(s, 'hq/roof/deck/weather/solarIrradiance') === 0);
    for (const s of darkAndOccupied) expect(num(s, 'hq/f0/r012/sensor/illuminance')).toBeGreaterThanOrEqual(490);
  });

  it('meters energy that never decreases', () => {
    for (const samples of [january, july]) {
      for (const register of ['hq/f0/plant/elec-meter/energy', 'hq/f0/plant/gas-meter/volume']) {
        for (let i = 1; i < samples.length; i++) expect(num(samples[i]!, register)).toBeGreaterThanOrEqual(num(samples[i - 1]!, register));
        expect(num(samples.at(-1)!, register)).toBeGreaterThan(num(samples[0]!, register));
      }
      // Lights, plug loads, fans, the chiller and the servers: never nothing, never a small town.
      const kw = samples.map((s) => num(s, 'hq/f0/plant/elec-meter/power'));
      expect(Math.min(...kw)).toBeGreaterThan(5);
      expect(Math.max(...kw)).toBeLessThan(200);
    }
  });

  it('meters exactly the power and gas flow of each step', () => {
    const start = Date.UTC(2025, 1, 3);
    const sim = new Simulation(building, start);
    const elec = byKey('hq/f0/plant/elec-meter');
    const gas = byKey('hq/f0/plant/gas-meter');
    const first = { energy: sim.deviceValues(elec).energy as number, volume: sim.deviceValues(gas).volume as number };
    let kwh = 0;
    let m3 = 0;
    // One physics step per minute: what each step reports is what it added.
    for (let t = start + 60_000; t <= start + 24 * HOUR; t += 60_000) {
      sim.advanceTo(t);
      kwh += (sim.deviceValues(elec).power as number) / 60;
      m3 += (sim.deviceValues(gas).flow as number) / 60;
    }
    expect((sim.deviceValues(elec).energy as number) - first.energy).toBeCloseTo(kwh, 6);
    expect((sim.deviceValues(gas).volume as number) - first.volume).toBeCloseTo(m3, 6);
    expect(m3).toBeGreaterThan(0);
  });

  it('is repeatable: the same start gives the same building', () => {
    const a = new Simulation(building, Date.UTC(2025, 3, 1, 8));
    const b = new Simulation(building, Date.UTC(2025, 3, 1, 8));
    a.advanceTo(Date.UTC(2025, 3, 1, 12));
    for (let t = Date.UTC(2025, 3, 1, 8); t <= Date.UTC(2025, 3, 1, 12); t += 3 * 60_000) b.advanceTo(t);
    for (const key of ['hq/f2/r201/sensor', 'hq/f0/plant/elec-meter', 'hq/roof/deck/weather']) {
      const va = a.deviceValues(byKey(key));
      const vb = b.deviceValues(byKey(key));
      for (const [name, v] of Object.entries(va)) {
        if (typeof v === 'number') expect(vb[name] as number, `${key}/${name}`).toBeCloseTo(v, 0);
        else expect(vb[name]).toBe(v);
      }
    }
  });

  it('refuses a model whose devices list points it cannot simulate', () => {
    const broken = structuredClone(building);
    broken.devices[0]!.points.push({ ...broken.devices[0]!.points[0]!, name: 'radon' });
    expect(() => new Simulation(broken, Date.UTC(2025, 0, 1), { warmUpS: 0 })).toThrow(/lists points .*radon.* but the simulator gives/);
  });
});
