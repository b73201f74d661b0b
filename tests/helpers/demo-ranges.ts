/** Plausible bounds of every quantity the demo building reports, by unit: what the simulation computes and the simulator publishes. */
export const RANGES: Record<string, [number, number]> = {
  '°C': [-25, 90],
  '%RH': [0, 100],
  ppm: [400, 2500],
  lx: [0, 5000],
  '%': [0, 100],
  'm³/h': [0, 20_000],
  kW: [0, 500],
  kWh: [0, 1e9],
  'm³': [0, 1e9],
  'W/m²': [0, 1100],
  'm/s': [0, 30],
};
