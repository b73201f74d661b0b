/** Moist air: the relations between temperature, relative humidity and moisture content. */

const PRESSURE_PA = 101_325;

/** Saturation vapour pressure over water, Pa (Magnus). */
export function saturationPressure(tempC: number): number {
  return 610.94 * Math.exp((17.625 * tempC) / (tempC + 243.04));
}

/** kg of water per kg of dry air at a temperature and relative humidity (%). */
export function humidityRatio(tempC: number, rhPct: number): number {
  const pv = (Math.min(100, Math.max(0, rhPct)) / 100) * saturationPressure(tempC);
  return (0.622 * pv) / (PRESSURE_PA - pv);
}

/** Relative humidity (%) of air holding `ratio` kg/kg at a temperature; saturates at 100. */
export function relativeHumidity(tempC: number, ratio: number): number {
  const pv = (ratio * PRESSURE_PA) / (0.622 + ratio);
  return Math.min(100, (100 * pv) / saturationPressure(tempC));
}
