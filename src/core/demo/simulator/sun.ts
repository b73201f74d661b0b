/** Where the sun is, and how much it gives on a clear day (low-precision almanac formulas). */

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;
/** 2000-01-01 12:00 UTC, the J2000.0 epoch, in days since the Unix epoch. */
const J2000_DAYS = 10957.5;

export interface SunPosition {
  /** Degrees above the horizon; negative at night. */
  elevationDeg: number;
  /** Degrees clockwise from north. */
  azimuthDeg: number;
  declinationDeg: number;
  /** Local apparent solar time, hours in [0, 24): 12 is solar noon. */
  solarHour: number;
}

export function sunPosition(tMs: number, latitudeDeg: number, longitudeDeg: number): SunPosition {
  const d = tMs / DAY_MS - J2000_DAYS;
  const g = (357.529 + 0.98560028 * d) * DEG;
  const q = 280.459 + 0.98564736 * d;
  const lambda = (q + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g)) * DEG;
  const epsilon = (23.439 - 0.00000036 * d) * DEG;
  const ra = Math.atan2(Math.cos(epsilon) * Math.sin(lambda), Math.cos(lambda));
  const dec = Math.asin(Math.sin(epsilon) * Math.sin(lambda));
  const gmstHours = 18.697374558 + 24.06570982441908 * d;
  const hourAngleDeg = wrap180(gmstHours * 15 + longitudeDeg - ra / DEG);
  const h = hourAngleDeg * DEG;
  const lat = latitudeDeg * DEG;
  const elevation = Math.asin(Math.sin(lat) * Math.sin(dec) + Math.cos(lat) * Math.cos(dec) * Math.cos(h));
  const azimuth = Math.atan2(
    -Math.cos(dec) * Math.sin(h),
    Math.sin(dec) * Math.cos(lat) - Math.cos(dec) * Math.cos(h) * Math.sin(lat),
  );
  return {
    elevationDeg: elevation / DEG,
    azimuthDeg: (azimuth / DEG + 360) % 360,
    declinationDeg: dec / DEG,
    solarHour: (12 + hourAngleDeg / 15 + 24) % 24,
  };
}

function wrap180(deg: number): number {
  const x = (((deg + 180) % 360) + 360) % 360;
  return x - 180;
}

/** Solar time of sunrise for a declination; clamped in polar day and night. */
export function sunriseSolarHour(latitudeDeg: number, declinationDeg: number): number {
  const lat = latitudeDeg * DEG;
  const dec = declinationDeg * DEG;
  const cosH = (Math.sin(-0.83 * DEG) - Math.sin(lat) * Math.sin(dec)) / (Math.cos(lat) * Math.cos(dec));
  const h0 = Math.acos(Math.min(1, Math.max(-1, cosH))) / DEG;
  return 12 - h0 / 15;
}

/** Global horizontal irradiance under a clear sky, W/m² (Haurwitz). */
export function clearSkyGhi(elevationDeg: number): number {
  if (elevationDeg <= 0) return 0;
  const s = Math.sin(elevationDeg * DEG);
  return 1098 * s * Math.exp(-0.057 / s);
}
