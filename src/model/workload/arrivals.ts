import type { Rng } from '../../sim/rng.ts';
import { roundUs } from '../../sim/time.ts';
import { standardExponential } from '../../sim/distributions/ziggurat.ts';
import type { RateStep } from '../config.ts';

/**
 * A Poisson process whose rate is piecewise constant. Within a step, gaps are exponential;
 * when a gap would cross into the next step, the draw restarts at the step boundary, which
 * is exact because the exponential is memoryless.
 */
export class PoissonArrivals {
  /** Exact (fractional) time of the last arrival, in µs; rounding happens on output only. */
  private t = 0;
  private step = 0;

  constructor(
    private readonly steps: RateStep[],
    private readonly rng: Rng,
  ) {}

  /** The next arrival time in whole µs, or Infinity if the rate stays at zero. */
  next(): number {
    const steps = this.steps;
    for (;;) {
      while (this.step + 1 < steps.length && steps[this.step + 1].atUs <= this.t) this.step++;
      const perSec = steps[this.step].perSec;
      const boundary = this.step + 1 < steps.length ? steps[this.step + 1].atUs : Infinity;
      if (perSec <= 0) {
        if (boundary === Infinity) return Infinity;
        this.t = boundary;
        continue;
      }
      const gapUs = (standardExponential(this.rng) / perSec) * 1e6;
      if (this.t + gapUs < boundary) {
        this.t += gapUs;
        return roundUs(this.t);
      }
      this.t = boundary;
    }
  }
}
