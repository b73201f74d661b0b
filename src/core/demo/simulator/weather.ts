import { humidityRatio, saturationPressure } from './psychrometrics';
import { smoothNoise } from './random';
import { clearSkyGhi, sunPosition, sunriseSolarHour, type SunPosition } from './sun';

export interface SiteLocation {
  latitude: number;
  longitude: number;
}

export interface Outdoor {
  tempC: number;
  rhPct: number;
  humidityRatio: number;
  co2Ppm: number;
  /** Global horizontal irradiance, W/m². */
  ghi: number;
  /** Direct normal irradiance, W/m². */
  dni: number;
  /** Diffuse horizontal irradiance, W/m². */
  dhi: number;
  windMs: number;
  /** Cloud cover, 0 clear to 1 overcast. */
  cloud: number;
  sun: SunPosition;
  /** Soil under the ground floor: the season's mean, lagged and damped. */
  groundTempC: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const YEAR_DAYS = 365.25;
/** The warmest hour of the day, solar time. */
const PEAK_SOLAR_HOUR = 15;
const OUTDOOR_CO2_PPM = 420;

/** Noise channels, so each weather element has its own stream. */
const CH_DAY_ANOMALY = 1;
const CH_CLOUD_SLOW = 2;
const CH_CLOUD_FAST = 3;
const CH_WIND_SLOW = 4;
const CH_WIND_GUST = 5;

/** Mean and half the winter-summer swing of daily mean temperature, from latitude (a rough climatology). */
function climate(latitudeDeg: number): { annualMeanC: number; seasonalAmplitudeK: number } {
  const lat = Math.abs(latitudeDeg);
  return { annualMeanC: 28 - 0.35 * lat, seasonalAmplitudeK: 0.15 * lat };
}

/** The season's mean temperature for a day of the year; coldest in mid-January in the north. */
function seasonalMeanC(site: SiteLocation, tMs: number, lagDays = 0): number {
  const { annualMeanC, seasonalAmplitudeK } = climate(site.latitude);
  const doy = (tMs / DAY_MS) % YEAR_DAYS;
  // Day 0 of the Unix epoch is 1 January; the coldest day is about 15 January.
  const phase = (2 * Math.PI * (doy - 15 - lagDays)) / YEAR_DAYS;
  const hemisphere = site.latitude >= 0 ? 1 : -1;
  return annualMeanC - hemisphere * seasonalAmplitudeK * Math.cos(phase);
}

/** Summer 1, winter 0: scales the daily temperature range. */
function summerness(site: SiteLocation, tMs: number): number {
  const { annualMeanC, seasonalAmplitudeK } = climate(site.latitude);
  if (seasonalAmplitudeK === 0) return 0.5;
  return (seasonalMeanC(site, tMs) - annualMeanC + seasonalAmplitudeK) / (2 * seasonalAmplitudeK);
}

/**
 * The diurnal shape in [-1, 1]: -1 at sunrise, +1 at mid-afternoon, a half cosine up in
 * the morning and a slower one down through the evening and night.
 */
function diurnalShape(solarHour: number, sunriseHour: number): number {
  const rise = Math.min(sunriseHour, PEAK_SOLAR_HOUR - 1);
  if (solarHour >= rise && solarHour <= PEAK_SOLAR_HOUR) {
    return -Math.cos((Math.PI * (solarHour - rise)) / (PEAK_SOLAR_HOUR - rise));
  }
  const h = solarHour < rise ? solarHour + 24 : solarHour;
  return Math.cos((Math.PI * (h - PEAK_SOLAR_HOUR)) / (rise + 24 - PEAK_SOLAR_HOUR));
}

/** Outdoor conditions at a moment: a pure function of the site, the seed and the time. */
export function outdoorAt(site: SiteLocation, seed: number, tMs: number): Outdoor {
  const sun = sunPosition(tMs, site.latitude, site.longitude);
  const cloud = clamp(
    0.55 + 0.45 * smoothNoise(seed, CH_CLOUD_SLOW, tMs, 9 * HOUR_MS) + 0.2 * smoothNoise(seed, CH_CLOUD_FAST, tMs, HOUR_MS / 3),
    0,
    1,
  );
  // Fronts pass every few days; a cloudy sky narrows the day's range.
  const meanC = seasonalMeanC(site, tMs) + 3 * smoothNoise(seed, CH_DAY_ANOMALY, tMs, 4 * DAY_MS);
  const rangeK = (5 + 6 * summerness(site, tMs)) * (1 - 0.5 * cloud);
  const sunrise = sunriseSolarHour(site.latitude, sun.declinationDeg);
  const tempC = meanC + (rangeK / 2) * diurnalShape(sun.solarHour, sunrise);

  // The dew point sits near the night's minimum; clear days are drier. Humidity therefore
  // peaks at dawn and falls as the air warms.
  const dewPointC = meanC - rangeK / 2 - (1 + 2.5 * (1 - cloud));
  const rhPct = Math.min(100, (100 * saturationPressure(dewPointC)) / saturationPressure(tempC));

  const clear = clearSkyGhi(sun.elevationDeg);
  const ghi = clear * (1 - 0.75 * cloud ** 3.4);
  const dhi = ghi * Math.min(1, 0.15 + 0.8 * cloud);
  const sinElevation = Math.sin((Math.max(sun.elevationDeg, 0) * Math.PI) / 180);
  const dni = sinElevation > 0.02 ? Math.min(1000, (ghi - dhi) / sinElevation) : 0;

  const daytime = Math.max(0, sinElevation);
  const windMs = Math.max(
    0,
    3.5 + 2.5 * smoothNoise(seed, CH_WIND_SLOW, tMs, 8 * HOUR_MS) + 1.2 * smoothNoise(seed, CH_WIND_GUST, tMs, 20 * 60_000) + 1.5 * daytime,
  );

  return {
    tempC,
    rhPct,
    humidityRatio: humidityRatio(tempC, rhPct),
    co2Ppm: OUTDOOR_CO2_PPM,
    ghi,
    dni,
    dhi,
    windMs,
    cloud,
    sun,
    groundTempC: seasonalMeanC(site, tMs, 45) * 0.5 + climate(site.latitude).annualMeanC * 0.5,
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
