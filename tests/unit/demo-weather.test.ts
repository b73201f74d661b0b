import { describe, expect, it } from 'vitest';
import { loadDemoBuilding } from '../../src/core/demo/building';
import { LocalClock } from '../../src/core/demo/simulator/local-time';
import { humidityRatio, relativeHumidity } from '../../src/core/demo/simulator/psychrometrics';
import { sunPosition } from '../../src/core/demo/simulator/sun';
import { outdoorAt } from '../../src/core/demo/simulator/weather';

const { site, seed } = loadDemoBuilding();
const DAY = 86_400_000;
const MINUTE = 60_000;

/** First moment of a UTC day when the sun is up, to the 10 minutes. */
function sunrise(dayStart: number): number {
  for (let t = dayStart; t < dayStart + DAY; t += 10 * MINUTE) if (sunPosition(t, site.latitude, site.longitude).elevationDeg > 0) return t;
  throw new Error('no sunrise');
}

/** The moment of a UTC day nearest to a solar time. */
function atSolarHour(dayStart: number, hour: number): number {
  let best = dayStart;
  let bestOff = Infinity;
  for (let t = dayStart; t < dayStart + DAY; t += MINUTE) {
    const off = Math.abs(sunPosition(t, site.latitude, site.longitude).solarHour - hour);
    if (off < bestOff) [best, bestOff] = [t, off];
  }
  return best;
}

describe('the sun', () => {
  it('stands due south at solar noon, at 90° − latitude + declination', () => {
    const midsummer = Date.UTC(2025, 5, 21);
    const noon = sunPosition(atSolarHour(midsummer, 12), site.latitude, site.longitude);
    expect(noon.azimuthDeg).toBeCloseTo(180, 0);
    expect(noon.elevationDeg).toBeCloseTo(90 - site.latitude + 23.44, 0);
    const midwinter = sunPosition(atSolarHour(Date.UTC(2025, 11, 21), 12), site.latitude, site.longitude);
    expect(midwinter.elevationDeg).toBeCloseTo(90 - site.latitude - 23.44, 0);
    expect(sunPosition(atSolarHour(midsummer, 0), site.latitude, site.longitude).elevationDeg).toBeLessThan(0);
  });

  it('rises in the east and sets in the west', () => {
    const equinox = Date.UTC(2025, 2, 20);
    expect(sunPosition(sunrise(equinox), site.latitude, site.longitude).azimuthDeg).toBeCloseTo(90, -1);
    expect(sunPosition(atSolarHour(equinox, 18), site.latitude, site.longitude).azimuthDeg).toBeGreaterThan(250);
  });
});

describe('outdoor weather', () => {
  const days = Array.from({ length: 365 }, (_, i) => Date.UTC(2025, 0, 1) + i * DAY);

  it('is warmer mid-afternoon than before dawn on every day of the year, and drier', () => {
    let rangeSum = 0;
    for (const day of days) {
      const dawn = outdoorAt(site, seed, sunrise(day) - 20 * MINUTE);
      const afternoon = outdoorAt(site, seed, atSolarHour(day, 15));
      expect(afternoon.tempC, new Date(day).toISOString()).toBeGreaterThan(dawn.tempC);
      expect(afternoon.rhPct, new Date(day).toISOString()).toBeLessThan(dawn.rhPct);
      rangeSum += afternoon.tempC - dawn.tempC;
    }
    expect(rangeSum / days.length).toBeGreaterThan(3);
  });

  it('follows the seasons: July is warmer and sunnier than January', () => {
    const mean = (month: number, f: (t: number) => number) => {
      let sum = 0;
      let n = 0;
      for (let t = Date.UTC(2025, month, 1); t < Date.UTC(2025, month + 1, 1); t += 30 * MINUTE, n++) sum += f(t);
      return sum / n;
    };
    const jan = mean(0, (t) => outdoorAt(site, seed, t).tempC);
    const jul = mean(6, (t) => outdoorAt(site, seed, t).tempC);
    expect(jul - jan).toBeGreaterThan(10);
    expect(jan).toBeGreaterThan(-8);
    expect(jul).toBeLessThan(25);
    expect(mean(6, (t) => outdoorAt(site, seed, t).ghi)).toBeGreaterThan(3 * mean(0, (t) => outdoorAt(site, seed, t).ghi));
  });

  it('has sunlight only by day, never above the clear sky, varied by cloud', () => {
    const noons = days.map((d) => outdoorAt(site, seed, atSolarHour(d, 12)));
    for (const day of days) expect(outdoorAt(site, seed, atSolarHour(day, 0)).ghi).toBe(0);
    for (const o of noons) {
      expect(o.ghi).toBeGreaterThan(0);
      expect(o.ghi).toBeLessThan(1100 * Math.sin((o.sun.elevationDeg * Math.PI) / 180));
      expect(o.dhi).toBeLessThanOrEqual(o.ghi);
    }
    const clouds = noons.map((o) => o.cloud);
    expect(Math.max(...clouds) - Math.min(...clouds)).toBeGreaterThan(0.5);
  });

  it('keeps humidity and wind in physical ranges', () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 3 * 3_600_000 + 7 * MINUTE) {
      const o = outdoorAt(site, seed, t);
      expect(o.rhPct).toBeGreaterThan(20);
      expect(o.rhPct).toBeLessThanOrEqual(100);
      expect(o.windMs).toBeGreaterThanOrEqual(0);
      expect(o.windMs).toBeLessThan(20);
    }
  });

  it('is the same for the same seed and time, and differs for another seed', () => {
    const t = Date.UTC(2025, 3, 2, 11, 17);
    expect(outdoorAt(site, seed, t)).toEqual(outdoorAt(site, seed, t));
    expect(outdoorAt(site, seed + 1, t).tempC).not.toBe(outdoorAt(site, seed, t).tempC);
  });
});

describe('psychrometrics', () => {
  it('round-trips relative humidity through the moisture content', () => {
    for (const [t, rh] of [[-5, 90], [20, 40], [30, 70]] as const) expect(relativeHumidity(t, humidityRatio(t, rh))).toBeCloseTo(rh, 6);
    // Air at 20 °C and 50 % holds about 7.3 g/kg.
    expect(humidityRatio(20, 50)).toBeCloseTo(0.00726, 4);
  });
});

describe('local time at the site', () => {
  it('follows the time zone with daylight saving', () => {
    const clock = new LocalClock('Europe/Amsterdam');
    // Monday 13 January 2025, 08:30 UTC is 09:30 in winter.
    expect(clock.at(Date.UTC(2025, 0, 13, 8, 30))).toMatchObject({ weekday: 1, hour: 9.5, minute: 570 });
    // Saturday 12 July 2025, 08:30 UTC is 10:30 in summer.
    expect(clock.at(Date.UTC(2025, 6, 12, 8, 30))).toMatchObject({ weekday: 6, hour: 10.5 });
    expect(() => new LocalClock('Mars/Olympus_Mons')).toThrow(/unknown time zone "Mars\/Olympus_Mons"/);
  });
});
