import type { VavDesign } from '../building';
import { AIR_W_PER_M3H_K } from './air';
import { PiLoop } from './pi-loop';

/** Half the occupied dead band: heat below setpoint − this, cool above setpoint + this. */
const DEAD_BAND_K = 0.5;
/** Outside occupied hours the zone may drift this far below its setpoint before it is heated. */
export const SETBACK_K = 4;
/** ... and up to this before it is cooled. */
export const UNOCCUPIED_COOLING_C = 28;
/** Airflow share while heating, so the reheat coil has air to warm. */
const HEATING_FLOW_SHARE = 0.5;
const MAX_DISCHARGE_C = 40;
/** Fresh air per person the box keeps up when the room fills (demand-controlled ventilation). */
const AIRFLOW_PER_PERSON_M3H = 60;

export interface VavInputs {
  zoneTempC: number;
  /** Occupied mode of the building schedule. */
  occupied: boolean;
  occupants: number;
  /** The air handler is running, so there is air to deliver. */
  airAvailable: boolean;
  supplyTempC: number;
}

export interface VavOutput {
  setpointC: number;
  damperPct: number;
  airflowM3h: number;
  reheatPct: number;
  reheatW: number;
  /** Air leaving the box into the room. */
  dischargeTempC: number;
  /** 0..1: how hard the zone asks for cooling (the air handler resets its supply air on it). */
  coolingDemand: number;
}

/** The zone's setpoint now: occupied, or set back outside occupied hours. */
export function zoneSetpoint(design: VavDesign, occupied: boolean): number {
  return occupied ? design.occupiedSetpointC : design.occupiedSetpointC - SETBACK_K;
}

/**
 * A pressure-independent VAV box with a hot-water reheat coil: the damper opens from its
 * minimum as the room warms above the cooling setpoint, and below the heating setpoint the
 * box holds a heating airflow and opens its reheat valve.
 */
export class VavController {
  private readonly cooling = new PiLoop(0.6, 900);
  private readonly heating = new PiLoop(0.6, 900);

  constructor(readonly design: VavDesign) {}

  update(i: VavInputs, dtS: number): VavOutput {
    const d = this.design;
    const setpointC = zoneSetpoint(d, i.occupied);
    const heatBelow = i.occupied ? setpointC - DEAD_BAND_K : setpointC;
    const coolAbove = i.occupied ? setpointC + DEAD_BAND_K : UNOCCUPIED_COOLING_C;
    const coolingDemand = this.cooling.update(i.zoneTempC - coolAbove, dtS);
    const heatingDemand = this.heating.update(heatBelow - i.zoneTempC, dtS);
    if (!i.airAvailable) {
      return { setpointC, damperPct: 0, airflowM3h: 0, reheatPct: 0, reheatW: 0, dischargeTempC: i.supplyTempC, coolingDemand };
    }
    const ventilation = i.occupied ? Math.max(d.minAirflowM3h, i.occupants * AIRFLOW_PER_PERSON_M3H) : 0;
    const floor = Math.min(d.maxAirflowM3h, ventilation);
    let airflowM3h = floor + coolingDemand * (d.maxAirflowM3h - floor);
    if (heatingDemand > 0) airflowM3h = Math.max(airflowM3h, HEATING_FLOW_SHARE * d.maxAirflowM3h);
    const conductance = AIR_W_PER_M3H_K * airflowM3h;
    const reheatW = conductance > 0 ? Math.min(heatingDemand * d.reheatKw * 1000, conductance * Math.max(0, MAX_DISCHARGE_C - i.supplyTempC)) : 0;
    return {
      setpointC,
      damperPct: (100 * airflowM3h) / d.maxAirflowM3h,
      airflowM3h,
      reheatPct: 100 * heatingDemand,
      reheatW,
      dischargeTempC: conductance > 0 ? i.supplyTempC + reheatW / conductance : i.supplyTempC,
      coolingDemand,
    };
  }
}
