/** A per-second rate from a growing counter, averaged over the last few samples. */
export class RateMeter {
  private readonly samples: { t: number; n: number }[] = [];

  constructor(private readonly windowSamples = 5) {}

  sample(counter: number, now = Date.now()): void {
    this.samples.push({ t: now, n: counter });
    if (this.samples.length > this.windowSamples + 1) this.samples.shift();
  }

  perSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t === first.t) return 0;
    return ((last.n - first.n) * 1000) / (last.t - first.t);
  }
}
