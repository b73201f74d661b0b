import { describe, expect, it } from 'vitest';
import type { DemoPoint, VavDesign } from '../../src/core/demo/building';
import { AirHandler } from '../../src/core/demo/simulator/air-handler';
import { Register, startingRegister } from '../../src/core/demo/simulator/meters';
import { publishSchedule } from '../../src/core/demo/simulator/publish-schedule';
import { humidityRatio } from '../../src/core/demo/simulator/psychrometrics';
import { randomSequence } from '../../src/core/demo/simulator/random';
import { readout } from '../../src/core/demo/simulator/sensor-readout';
import { SimClock } from '../../src/core/demo/simulator/sim-clock';
import { VavController } from '../../src/core/demo/simulator/vav';
import { stepZone, type ZoneInputs, type ZoneParams, type ZoneState } from '../../src/core/demo/simulator/zone';

/** A 6 m × 7 m office with one glazed wall, as in the demo building. */
const office: ZoneParams = {
  volumeM3: 113.4,
  capacityJPerK: 42 * 80_000 + 113.4 * 1206,
  uaOutdoorWPerK: 11.9 * 0.3 + 9.7 * 1.3,
  uaGroundWPerK: 0,
  uaInternalWPerK: 42 * 1.5,
  infiltrationM3h: 17,
  glazing: [{ azimuthDeg: 180, areaM2: 9.7 }],
  shgc: 0.35,
};
const vavDesign: VavDesign = { minAirflowM3h: 210, maxAirflowM3h: 690, reheatKw: 3, occupiedSetpointC: 22 };
const winter = { tempC: 0, humidityRatio: humidityRatio(0, 85), co2Ppm: 420, groundTempC: 8 };
const start: ZoneState = { tempC: 21, humidityRatio: humidityRatio(21, 35), co2Ppm: 450 };
const noAir = { airflowM3h: 0, tempC: 20, humidityRatio: 0, co2Ppm: 420 };

function run(state: ZoneState, inputs: ZoneInputs, hours: number, dtS = 60): ZoneState {
  let s = state;
  for (let t = 0; t < hours * 3600; t += dtS) s = stepZone(office, s, inputs, dtS);
  return s;
}

describe('a room', () => {
  it('gains heat, CO2 and moisture when occupied, against the same room empty', () => {
    const base: ZoneInputs = { outdoor: winter, neighbourTempC: 21, occupants: 0, gainsW: 0, supply: noAir };
    const empty = run(start, base, 2);
    const occupied = run(start, { ...base, occupants: 4 }, 2);
    expect(occupied.tempC).toBeGreaterThan(empty.tempC + 0.5);
    expect(occupied.co2Ppm).toBeGreaterThan(empty.co2Ppm + 300);
    expect(occupied.humidityRatio).toBeGreaterThan(empty.humidityRatio);
    // Left alone in winter, the empty room cools towards outdoors and its CO2 decays towards outdoor air.
    expect(empty.tempC).toBeLessThan(start.tempC);
    expect(empty.co2Ppm).toBeLessThan(start.co2Ppm);
    expect(empty.co2Ppm).toBeGreaterThan(420);
  });

  it('is flushed of CO2 by ventilation air', () => {
    const crowded: ZoneInputs = { outdoor: winter, neighbourTempC: 21, occupants: 6, gainsW: 0, supply: noAir };
    const stale = run(start, crowded, 2);
    const ventilated = run(start, { ...crowded, supply: { airflowM3h: 600, tempC: 21, humidityRatio: winter.humidityRatio, co2Ppm: 420 } }, 2);
    expect(ventilated.co2Ppm).toBeLessThan(stale.co2Ppm - 500);
    expect(ventilated.co2Ppm).toBeGreaterThan(420);
  });

  it('steps the same way in long steps as in short ones', () => {
    const inputs: ZoneInputs = { outdoor: winter, neighbourTempC: 20, occupants: 2, gainsW: 300, supply: noAir };
    const fine = run(start, inputs, 3, 10);
    const coarse = run(start, inputs, 3, 1800);
    expect(coarse.tempC).toBeCloseTo(fine.tempC, 6);
    expect(coarse.co2Ppm).toBeCloseTo(fine.co2Ppm, 6);
  });
});

describe('VAV control', () => {
  /** A zone on its VAV box, fed by a running air handler at a fixed supply temperature. */
  function controlled(tempC: number, supplyTempC: number, outdoor: typeof winter, occupied: boolean, hours: number, gainsW = 0) {
    const vav = new VavController(vavDesign);
    let s: ZoneState = { ...start, tempC };
    const trace: number[] = [];
    let out = vav.update({ zoneTempC: s.tempC, occupied, occupants: 0, airAvailable: true, supplyTempC }, 60);
    for (let t = 0; t < hours * 3600; t += 60) {
      out = vav.update({ zoneTempC: s.tempC, occupied, occupants: 0, airAvailable: true, supplyTempC }, 60);
      const supply = { airflowM3h: out.airflowM3h, tempC: out.dischargeTempC, humidityRatio: outdoor.humidityRatio, co2Ppm: 420 };
      s = stepZone(office, s, { outdoor, neighbourTempC: s.tempC, occupants: 0, gainsW, supply }, 60);
      trace.push(s.tempC);
    }
    return { final: s.tempC, trace, out };
  }

  it('heats a cold room towards its setpoint in occupied hours, without overshooting far', () => {
    const { final, trace, out } = controlled(14, 16, winter, true, 10);
    expect(trace[60]!).toBeGreaterThan(15.5);
    expect(Math.abs(final - vavDesign.occupiedSetpointC)).toBeLessThan(1);
    expect(Math.max(...trace)).toBeLessThan(vavDesign.occupiedSetpointC + 1);
    expect(out.reheatPct).toBeGreaterThan(0);
    expect(out.setpointC).toBe(22);
  });

  it('cools a hot room with more air', () => {
    const summer = { tempC: 28, humidityRatio: humidityRatio(28, 50), co2Ppm: 420, groundTempC: 14 };
    const { final, out } = controlled(29, 14, summer, true, 10, 1200);
    expect(Math.abs(final - vavDesign.occupiedSetpointC)).toBeLessThan(1);
    expect(out.airflowM3h).toBeGreaterThan(vavDesign.minAirflowM3h);
    expect(out.reheatPct).toBe(0);
  });

  it('lets the room set back outside occupied hours', () => {
    const vav = new VavController(vavDesign);
    const out = vav.update({ zoneTempC: 19, occupied: false, occupants: 0, airAvailable: true, supplyTempC: 18 }, 60);
    expect(out).toMatchObject({ airflowM3h: 0, reheatW: 0, setpointC: 18 });
    const cold = vav.update({ zoneTempC: 16, occupied: false, occupants: 0, airAvailable: true, supplyTempC: 18 }, 60);
    expect(cold.reheatW).toBeGreaterThan(0);
  });

  it('gives no air when the air handler is off', () => {
    const vav = new VavController(vavDesign);
    expect(vav.update({ zoneTempC: 30, occupied: true, occupants: 5, airAvailable: false, supplyTempC: 14 }, 60)).toMatchObject({ airflowM3h: 0, damperPct: 0 });
  });

  it('opens for fresh air when a room fills up', () => {
    const vav = new VavController(vavDesign);
    const full = vav.update({ zoneTempC: 22, occupied: true, occupants: 10, airAvailable: true, supplyTempC: 17 }, 60);
    expect(full.airflowM3h).toBeGreaterThanOrEqual(600);
  });
});

describe('the air handler', () => {
  const design = { designAirflowM3h: 5000, fanKw: 2.2, heatingKw: 25, coolingKw: 23, minOutdoorAirPct: 30, serves: [] };
  const zones = [{ airflowM3h: 2000, tempC: 21, humidityRatio: 0.006, co2Ppm: 800 }];

  it('heats cold mixed air to its supply setpoint and keeps the minimum outdoor air', () => {
    const ahu = new AirHandler(design);
    let out = ahu.step({ running: true, ventilate: true, zones, coolingDemands: [0], outdoor: winter, ambientC: 15 }, 60);
    for (let i = 0; i < 30; i++) out = ahu.step({ running: true, ventilate: true, zones, coolingDemands: [0], outdoor: winter, ambientC: 15 }, 60);
    expect(out.supply.tempC).toBeCloseTo(out.supplySetpointC, 1);
    expect(out.heatingW).toBeGreaterThan(0);
    expect(out.coolingW).toBe(0);
    expect(out.oaDamperPct).toBe(30);
    expect(out.supply.co2Ppm).toBeCloseTo(0.3 * 420 + 0.7 * 800, 6);
  });

  it('cools with free outdoor air when it can, and recirculates at night', () => {
    const ahu = new AirHandler(design);
    const mild = { ...winter, tempC: 12 };
    const day = ahu.step({ running: true, ventilate: true, zones: [{ ...zones[0]!, tempC: 25 }], coolingDemands: [1], outdoor: mild, ambientC: 15 }, 60);
    expect(day.oaDamperPct).toBeGreaterThan(30);
    expect(day.coolingW).toBe(0);
    const night = ahu.step({ running: true, ventilate: false, zones, coolingDemands: [0], outdoor: winter, ambientC: 15 }, 60);
    expect(night.oaDamperPct).toBe(0);
  });
});

describe('meters', () => {
  it('integrate power into energy and never go back', () => {
    const r = new Register(100);
    const rates = [10, 0, 35.5, 12, 0, 80];
    let previous = r.value;
    for (const kw of rates) {
      for (let i = 0; i < 10; i++) {
        r.add(kw, 36);
        expect(r.value).toBeGreaterThanOrEqual(previous);
        previous = r.value;
      }
    }
    // Each rate held for 360 s, a tenth of an hour.
    expect(r.value).toBeCloseTo(100 + rates.reduce((s, kw) => s + kw / 10, 0), 9);
    expect(() => r.add(-1, 60)).toThrow(/rate must be finite and >= 0/);
    expect(() => r.add(Number.NaN, 60)).toThrow(RangeError);
    expect(r.value).toBeCloseTo(100 + 13.75, 9);
  });

  it('start later runs at or above where earlier runs could have ended', () => {
    const maxKw = 120;
    const t0 = Date.UTC(2025, 2, 1);
    const t1 = t0 + 6 * 3_600_000;
    const earlier = new Register(startingRegister(maxKw, t0));
    earlier.add(maxKw, 6 * 3600);
    expect(startingRegister(maxKw, t1)).toBeGreaterThanOrEqual(earlier.value - 1e-6);
  });
});

describe('sensor readout', () => {
  const point = (unit: string | null, resolution: number, noise: number): DemoPoint => ({ name: 'x', kind: 'sensor', valueType: 'number', unit, tags: [], resolution, noise });

  it('adds noise and rounds to the resolution', () => {
    const next = randomSequence(1);
    const temps = Array.from({ length: 200 }, () => readout(point('°C', 0.1, 0.05), 21.43, next) as number);
    for (const v of temps) {
      expect(Math.abs(v - 21.43)).toBeLessThan(0.3);
      expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-9);
    }
    expect(new Set(temps).size).toBeGreaterThan(2);
  });

  it('keeps non-negative quantities non-negative, percentages at most 100, and booleans as they are', () => {
    const next = randomSequence(2);
    for (let i = 0; i < 200; i++) {
      expect(readout(point('lx', 1, 3), 0, next)).toBeGreaterThanOrEqual(0);
      expect(readout(point('%RH', 1, 2), 99.5, next)).toBeLessThanOrEqual(100);
    }
    expect(readout(point(null, 1, 0), true, next)).toBe(true);
  });

  it('leaves a noise-free register increasing', () => {
    const next = randomSequence(3);
    let previous = 0;
    for (let kwh = 1000; kwh < 1010; kwh += 0.013) {
      const v = readout(point('kWh', 0.1, 0), kwh, next) as number;
      expect(v).toBeGreaterThanOrEqual(previous);
      previous = v;
    }
  });
});

describe('publish schedule', () => {
  it('publishes every device once per interval, spread over it', () => {
    for (const [devices, intervalS] of [[125, 2], [125, 0.1], [3, 5]] as const) {
      const s = publishSchedule(devices, intervalS);
      expect(s.slotMs * s.slotCount).toBeCloseTo(intervalS * 1000, 6);
      expect(s.slotMs).toBeGreaterThanOrEqual(50);
      const seen = Array.from({ length: s.slotCount }, (_, tick) => s.devicesAt(tick)).flat().sort((a, b) => a - b);
      expect(seen).toEqual(Array.from({ length: devices }, (_, i) => i));
      const sizes = Array.from({ length: s.slotCount }, (_, tick) => s.devicesAt(tick).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(() => publishSchedule(10, 0)).toThrow(/publish interval/);
  });
});

describe('the simulated clock', () => {
  it('runs at `speed` times real time from its start', () => {
    let real = 1000;
    const clock = new SimClock(Date.UTC(2025, 0, 1), 60, () => real);
    expect(clock.now()).toBe(Date.UTC(2025, 0, 1));
    real += 1500;
    expect(clock.now()).toBe(Date.UTC(2025, 0, 1) + 90_000);
    expect(() => new SimClock(0, 0)).toThrow(/speed must be/);
    expect(() => new SimClock(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
