/**
 * A proportional-integral loop with output 0..1, as in a room or air-handler controller.
 * The integral stops growing while the output is saturated high (anti-windup) and is kept in
 * 0..1, so a loop that has been idle (error below zero) starts again from nothing.
 */
export class PiLoop {
  private integral = 0;

  /** `gain` per unit of error; `integralTimeS`: how long a steady error takes to add another `gain × error`. */
  constructor(
    readonly gain: number,
    readonly integralTimeS: number,
  ) {}

  /** `error` is positive when more output is wanted. */
  update(error: number, dtS: number): number {
    const proportional = this.gain * error;
    const unclamped = proportional + this.integral;
    if (!(unclamped >= 1 && error > 0)) {
      this.integral = Math.min(1, Math.max(0, this.integral + (this.gain * error * dtS) / this.integralTimeS));
    }
    return Math.min(1, Math.max(0, proportional + this.integral));
  }
}
