/** 2020-01-01 UTC: registers count from here. */
const REGISTER_EPOCH_MS = Date.UTC(2020, 0, 1);

/**
 * A meter's register: integrates a rate over time and never goes backwards.
 * Units follow the rate: kW → kWh, m³/h → m³.
 */
export class Register {
  private total: number;

  constructor(initial: number) {
    if (!Number.isFinite(initial) || initial < 0) throw new RangeError(`a register starts at a finite value >= 0, not ${initial}`);
    this.total = initial;
  }

  get value(): number {
    return this.total;
  }

  /** Adds `ratePerHour` held for `dtS` seconds. */
  add(ratePerHour: number, dtS: number): void {
    if (!(ratePerHour >= 0) || !Number.isFinite(ratePerHour)) throw new RangeError(`a meter's rate must be finite and >= 0, not ${ratePerHour}`);
    if (!(dtS >= 0) || !Number.isFinite(dtS)) throw new RangeError(`a step must be finite and >= 0 s, not ${dtS}`);
    this.total += (ratePerHour * dtS) / 3600;
  }
}

/**
 * The register reading a simulation starts from: as if the meter had run at `maxRatePerHour`
 * since 2020. A run can never add more than that per hour, so a run started later always
 * starts at or above where an earlier run ended: the register never goes back across restarts.
 */
export function startingRegister(maxRatePerHour: number, tMs: number): number {
  return (maxRatePerHour * Math.max(0, tMs - REGISTER_EPOCH_MS)) / 3_600_000;
}
