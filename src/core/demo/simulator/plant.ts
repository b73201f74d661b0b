import type { BoilerDesign, ChillerDesign } from '../building';
import { relax } from './air';

const WATER_J_PER_KG_K = 4186;
/** Chilled water leaves at this and returns this much warmer at full load. */
const CHW_SETPOINT_C = 7;
const CHW_DESIGN_DELTA_K = 5;
const RUNNING_TIME_CONSTANT_S = 300;
/** Water standing in the pipes drifts to the air around them. */
const IDLE_TIME_CONSTANT_S = 2 * 3600;
const CHILLER_AUX_W = 400;
/** Burner fan and controls while firing. */
export const BOILER_AUX_W = 150;
/** Natural gas: kWh of heat per m³ (gross). */
export const GAS_KWH_PER_M3 = 10.55;

export interface ChillerOutput {
  running: boolean;
  /** Cooling delivered, W (at most the capacity). */
  coolingW: number;
  powerW: number;
  supplyTempC: number;
  returnTempC: number;
}

/** An air-cooled chiller: it works harder (lower COP) the hotter it is outside. */
export class Chiller {
  private supplyTempC: number;
  private returnTempC: number;

  constructor(
    readonly design: ChillerDesign,
    initialC = 12,
  ) {
    this.supplyTempC = initialC;
    this.returnTempC = initialC;
  }

  cop(outdoorC: number): number {
    return Math.min(6.5, Math.max(2, this.design.nominalCop + 0.1 * (25 - outdoorC)));
  }

  /** The most electrical power it can draw: full load on the hottest day. */
  get maxPowerW(): number {
    return (this.design.capacityKw * 1000) / 2 + CHILLER_AUX_W;
  }

  step(loadW: number, outdoorC: number, ambientC: number, dtS: number): ChillerOutput {
    const capacityW = this.design.capacityKw * 1000;
    const coolingW = Math.min(Math.max(0, loadW), capacityW);
    const running = coolingW > 0;
    if (running) {
      // Overload lets the leaving water creep up.
      const overload = Math.max(0, loadW / capacityW - 1);
      this.supplyTempC = relax(this.supplyTempC, CHW_SETPOINT_C + 4 * overload, 1 / RUNNING_TIME_CONSTANT_S, dtS);
      const flowKgS = capacityW / (WATER_J_PER_KG_K * CHW_DESIGN_DELTA_K);
      this.returnTempC = relax(this.returnTempC, this.supplyTempC + coolingW / (flowKgS * WATER_J_PER_KG_K), 1 / RUNNING_TIME_CONSTANT_S, dtS);
    } else {
      this.supplyTempC = relax(this.supplyTempC, ambientC, 1 / IDLE_TIME_CONSTANT_S, dtS);
      this.returnTempC = relax(this.returnTempC, ambientC, 1 / IDLE_TIME_CONSTANT_S, dtS);
    }
    return {
      running,
      coolingW,
      powerW: running ? coolingW / this.cop(outdoorC) + CHILLER_AUX_W : 0,
      supplyTempC: this.supplyTempC,
      returnTempC: this.returnTempC,
    };
  }
}

export interface BoilerOutput {
  running: boolean;
  heatW: number;
  firingPct: number;
  supplyTempC: number;
  /** Gas burnt, W of fuel. */
  fuelW: number;
  auxW: number;
}

/** Weather-compensated flow temperature: 70 °C at −10 °C outdoors, 45 °C from 15 °C up. */
export function boilerSetpointC(outdoorC: number): number {
  const t = Math.min(15, Math.max(-10, outdoorC));
  return 70 - ((t + 10) / 25) * 25;
}

/** A modulating gas boiler. */
export class Boiler {
  private supplyTempC: number;

  constructor(
    readonly design: BoilerDesign,
    initialC = 40,
  ) {
    this.supplyTempC = initialC;
  }

  step(loadW: number, outdoorC: number, ambientC: number, dtS: number): BoilerOutput {
    const capacityW = this.design.capacityKw * 1000;
    const heatW = Math.min(Math.max(0, loadW), capacityW);
    const running = heatW > 0;
    this.supplyTempC = running
      ? relax(this.supplyTempC, boilerSetpointC(outdoorC), 1 / RUNNING_TIME_CONSTANT_S, dtS)
      : relax(this.supplyTempC, ambientC, 1 / IDLE_TIME_CONSTANT_S, dtS);
    return {
      running,
      heatW,
      firingPct: (100 * heatW) / capacityW,
      supplyTempC: this.supplyTempC,
      fuelW: heatW / this.design.efficiency,
      auxW: running ? BOILER_AUX_W : 0,
    };
  }
}
