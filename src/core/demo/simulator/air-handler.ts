import type { AhuDesign } from '../building';
import { AIR_W_PER_M3H_K, relax } from './air';
import { humidityRatio } from './psychrometrics';
import type { SupplyAir } from './zone';
import type { Outdoor } from './weather';

/** Supply air temperature reset: warmest when no zone needs cooling, coolest when they all do. */
const SUPPLY_WARM_C = 18;
const SUPPLY_COOL_C = 13;
/** Heat the fan adds to the air at full speed. */
const FAN_HEAT_K = 0.6;
/** Coil and valve response. */
const COIL_TIME_CONSTANT_S = 120;
/** Duct sensors of a stopped unit drift to the plant room's air. */
const IDLE_TIME_CONSTANT_S = 1800;
const MIN_FAN_PCT = 25;

/** Air returning from one zone. */
export interface ReturnAir {
  airflowM3h: number;
  tempC: number;
  humidityRatio: number;
  co2Ppm: number;
}

export interface AhuInputs {
  running: boolean;
  /** Occupied hours: outdoor air for ventilation; otherwise the unit recirculates. */
  ventilate: boolean;
  /** What the VAV boxes ask for; the unit delivers at most its design airflow. */
  zones: ReturnAir[];
  /** Cooling demand of the zones, 0..1 each; the supply temperature resets on the highest few. */
  coolingDemands: number[];
  outdoor: Pick<Outdoor, 'tempC' | 'humidityRatio' | 'co2Ppm'>;
  /** Air around the unit, where its sensors drift when it is off. */
  ambientC: number;
}

export interface AhuOutput {
  running: boolean;
  supply: SupplyAir;
  supplySetpointC: number;
  returnTempC: number;
  /** Share of the asked airflow the unit delivers (below 1 when the boxes ask for more than the design). */
  deliveredShare: number;
  fanPct: number;
  oaDamperPct: number;
  heatingValvePct: number;
  coolingValvePct: number;
  heatingW: number;
  coolingW: number;
  fanW: number;
}

/** Mean of the highest three: one hot room should not drive the whole floor's air colder. */
function topDemand(demands: number[]): number {
  if (demands.length === 0) return 0;
  const top = [...demands].sort((a, b) => b - a).slice(0, 3);
  return top.reduce((s, d) => s + d, 0) / top.length;
}

/**
 * A variable-air-volume air handler: return air mixed with outdoor air (minimum
 * for ventilation, more when outdoor air can cool for free), a heating and a cooling coil
 * bringing the mix to the supply setpoint, and a variable-speed fan.
 */
export class AirHandler {
  private supplyTempC: number;

  constructor(
    readonly design: AhuDesign,
    initialSupplyC = SUPPLY_WARM_C,
  ) {
    this.supplyTempC = initialSupplyC;
  }

  step(i: AhuInputs, dtS: number): AhuOutput {
    const d = this.design;
    const asked = i.zones.reduce((s, z) => s + z.airflowM3h, 0);
    const weights = asked > 0 ? i.zones.map((z) => z.airflowM3h / asked) : i.zones.map(() => 1 / Math.max(1, i.zones.length));
    const mean = (f: (z: ReturnAir) => number) => i.zones.reduce((s, z, k) => s + weights[k]! * f(z), 0);
    const returnTempC = i.zones.length > 0 ? mean((z) => z.tempC) : i.ambientC;
    const setpointC = SUPPLY_WARM_C - (SUPPLY_WARM_C - SUPPLY_COOL_C) * topDemand(i.coolingDemands);

    if (!i.running || asked <= 0) {
      this.supplyTempC = relax(this.supplyTempC, i.ambientC, 1 / IDLE_TIME_CONSTANT_S, dtS);
      return {
        running: i.running,
        supply: { airflowM3h: 0, tempC: this.supplyTempC, humidityRatio: i.outdoor.humidityRatio, co2Ppm: i.outdoor.co2Ppm },
        supplySetpointC: setpointC,
        returnTempC,
        deliveredShare: 0,
        fanPct: i.running ? MIN_FAN_PCT : 0,
        oaDamperPct: 0,
        heatingValvePct: 0,
        coolingValvePct: 0,
        heatingW: 0,
        coolingW: 0,
        fanW: i.running ? d.fanKw * 1000 * (MIN_FAN_PCT / 100) ** 3 : 0,
      };
    }

    const airflow = Math.min(asked, d.designAirflowM3h);
    const fanShare = Math.max(MIN_FAN_PCT / 100, airflow / d.designAirflowM3h);
    const fanHeatK = FAN_HEAT_K * fanShare;

    // Outdoor air: the minimum for ventilation, up to all of it when it cools for free.
    let oa = i.ventilate ? d.minOutdoorAirPct / 100 : 0;
    const target = setpointC - fanHeatK;
    if (i.ventilate && i.outdoor.tempC < returnTempC - 1 && target < returnTempC) {
      oa = Math.min(1, Math.max(oa, (returnTempC - target) / (returnTempC - i.outdoor.tempC)));
    }
    const mixedC = oa * i.outdoor.tempC + (1 - oa) * returnTempC;
    const conductance = AIR_W_PER_M3H_K * airflow;
    const needW = conductance * (target - mixedC);
    const heatingW = Math.min(Math.max(0, needW), d.heatingKw * 1000);
    const coolingW = Math.min(Math.max(0, -needW), d.coolingKw * 1000);
    const reachableC = mixedC + fanHeatK + (heatingW - coolingW) / conductance;
    this.supplyTempC = relax(this.supplyTempC, reachableC, 1 / COIL_TIME_CONSTANT_S, dtS);

    const mixedRatio = oa * i.outdoor.humidityRatio + (1 - oa) * mean((z) => z.humidityRatio);
    // A cooling coil wrings water out of the air down to near saturation at its leaving temperature.
    const supplyRatio = coolingW > 0 ? Math.min(mixedRatio, humidityRatio(this.supplyTempC, 95)) : mixedRatio;
    return {
      running: true,
      supply: {
        airflowM3h: airflow,
        tempC: this.supplyTempC,
        humidityRatio: supplyRatio,
        co2Ppm: oa * i.outdoor.co2Ppm + (1 - oa) * mean((z) => z.co2Ppm),
      },
      supplySetpointC: setpointC,
      returnTempC,
      deliveredShare: airflow / asked,
      fanPct: 100 * fanShare,
      oaDamperPct: 100 * oa,
      heatingValvePct: d.heatingKw > 0 ? (100 * heatingW) / (d.heatingKw * 1000) : 0,
      coolingValvePct: d.coolingKw > 0 ? (100 * coolingW) / (d.coolingKw * 1000) : 0,
      heatingW,
      coolingW,
      fanW: d.fanKw * 1000 * fanShare ** 3,
    };
  }
}
