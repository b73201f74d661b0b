/** Simulated time: the start time plus `speed` times the real time elapsed since. */
export class SimClock {
  private readonly realStart: number;

  constructor(
    readonly startMs: number,
    readonly speed: number,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`simulation speed must be a finite number > 0, not ${speed}`);
    this.realStart = realNow();
  }

  now(): number {
    return this.startMs + this.speed * (this.realNow() - this.realStart);
  }
}
