import type { CracDesign } from '../building';
import { AIR_W_PER_M3H_K } from './air';
import { PiLoop } from './pi-loop';

export interface CracOutput {
  running: boolean;
  coolingW: number;
  coolingValvePct: number;
  supplyTempC: number;
  setpointC: number;
  fanW: number;
}

/** A close-control unit in the server room: chilled-water coil on a PI loop, fan always on. */
export class CracUnit {
  private readonly loop = new PiLoop(0.5, 600);

  constructor(readonly design: CracDesign) {}

  step(roomTempC: number, dtS: number): CracOutput {
    const d = this.design;
    const share = this.loop.update(roomTempC - d.setpointC, dtS);
    const coolingW = share * d.coolingKw * 1000;
    return {
      running: true,
      coolingW,
      coolingValvePct: 100 * share,
      supplyTempC: roomTempC - coolingW / (AIR_W_PER_M3H_K * d.airflowM3h),
      setpointC: d.setpointC,
      fanW: d.fanKw * 1000,
    };
  }
}
