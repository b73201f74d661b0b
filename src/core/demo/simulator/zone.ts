import { AIR_DENSITY, AIR_W_PER_M3H_K, relax } from './air';
import type { Outdoor } from './weather';

/** A room as one lumped node: its air and the part of its structure that follows the day. */
export interface ZoneParams {
  volumeM3: number;
  /** Thermal capacity of air and furnishings and active structure, J/K. */
  capacityJPerK: number;
  /** Envelope to outdoor air: walls, windows, roof. */
  uaOutdoorWPerK: number;
  uaGroundWPerK: number;
  /** Partitions to the rest of the storey. */
  uaInternalWPerK: number;
  infiltrationM3h: number;
  glazing: { azimuthDeg: number; areaM2: number }[];
  shgc: number;
}

export interface ZoneState {
  tempC: number;
  /** kg water per kg dry air. */
  humidityRatio: number;
  co2Ppm: number;
}

/** Air delivered by the ventilation system. */
export interface SupplyAir {
  airflowM3h: number;
  tempC: number;
  humidityRatio: number;
  co2Ppm: number;
}

export interface ZoneInputs {
  outdoor: Pick<Outdoor, 'tempC' | 'humidityRatio' | 'co2Ppm' | 'groundTempC'>;
  /** Mean temperature of the rest of the storey. */
  neighbourTempC: number;
  occupants: number;
  /** Heat from sun, lights, equipment and local units (negative when cooled), W; people are added here. */
  gainsW: number;
  supply: SupplyAir;
}

/** Per seated office worker (EN 16798 / ASHRAE orders of magnitude). */
export const PERSON_SENSIBLE_W = 75;
export const PERSON_CO2_M3H = 0.018;
export const PERSON_MOISTURE_KG_H = 0.055;

/** Heat the sun puts through a space's windows, W: beam on each facade plus sky and ground diffuse. */
export function solarGainW(p: Pick<ZoneParams, 'glazing' | 'shgc'>, o: Pick<Outdoor, 'sun' | 'dni' | 'dhi' | 'ghi'>): number {
  if (o.ghi <= 0) return 0;
  const elevation = (o.sun.elevationDeg * Math.PI) / 180;
  let w = 0;
  for (const g of p.glazing) {
    const cosIncidence = Math.cos(elevation) * Math.cos(((o.sun.azimuthDeg - g.azimuthDeg) * Math.PI) / 180);
    const beam = o.sun.elevationDeg > 0 ? o.dni * Math.max(0, cosIncidence) : 0;
    const diffuse = 0.5 * o.dhi + 0.5 * 0.2 * o.ghi;
    w += g.areaM2 * p.shgc * (beam + diffuse);
  }
  return w;
}

/**
 * One step of a zone: heat balance (envelope, ground, partitions, infiltration, supply air,
 * gains), CO2 (people against ventilation) and moisture (people, outdoor air, supply air).
 */
export function stepZone(p: ZoneParams, s: ZoneState, i: ZoneInputs, dtS: number): ZoneState {
  const o = i.outdoor;
  const infiltration = AIR_W_PER_M3H_K * p.infiltrationM3h;
  const supply = AIR_W_PER_M3H_K * i.supply.airflowM3h;
  const conductance = p.uaOutdoorWPerK + p.uaGroundWPerK + p.uaInternalWPerK + infiltration + supply;
  const gains = i.gainsW + i.occupants * PERSON_SENSIBLE_W;
  const driven =
    (p.uaOutdoorWPerK + infiltration) * o.tempC + p.uaGroundWPerK * o.groundTempC + p.uaInternalWPerK * i.neighbourTempC + supply * i.supply.tempC;
  const tempC = relax(s.tempC, (driven + gains) / conductance, conductance / p.capacityJPerK, dtS);

  // Air exchanged with outdoors and the supply, m³/h; both dilute what people add.
  const exchange = p.infiltrationM3h + i.supply.airflowM3h;
  if (exchange <= 0) {
    const hours = dtS / 3600;
    return {
      tempC,
      co2Ppm: s.co2Ppm + (i.occupants * PERSON_CO2_M3H * 1e6 * hours) / p.volumeM3,
      humidityRatio: s.humidityRatio + (i.occupants * PERSON_MOISTURE_KG_H * hours) / (AIR_DENSITY * p.volumeM3),
    };
  }
  const perSecond = exchange / p.volumeM3 / 3600;
  const co2Target = (p.infiltrationM3h * o.co2Ppm + i.supply.airflowM3h * i.supply.co2Ppm + i.occupants * PERSON_CO2_M3H * 1e6) / exchange;
  const moistureTarget =
    (p.infiltrationM3h * o.humidityRatio + i.supply.airflowM3h * i.supply.humidityRatio + (i.occupants * PERSON_MOISTURE_KG_H) / AIR_DENSITY) / exchange;
  return {
    tempC,
    co2Ppm: relax(s.co2Ppm, co2Target, perSecond, dtS),
    humidityRatio: relax(s.humidityRatio, moistureTarget, perSecond, dtS),
  };
}
