/**
 * Stan's NUTS warmup adaptation: dual averaging of the step size (Hoffman & Gelman 2014,
 * Algorithm 5; γ = 0.05, κ = 0.75, t₀ = 10) and the doubling windows in which the metric is
 * estimated (Stan Reference Manual, "HMC algorithm parameters").
 *
 * @module
 */

const DA_GAMMA = 0.05;
const DA_KAPPA = 0.75;
const DA_T0 = 10;

/** Dual averaging of log step size (Hoffman & Gelman 2014, Algorithm 5). */
export class DualAveraging {
  #mu = 0;
  #counter = 0;
  #sBar = 0;
  #xBar = 0;
  readonly #delta: number;

  constructor(delta: number) {
    this.#delta = delta;
  }

  restart(stepSize: number): void {
    this.#mu = Math.log(10 * stepSize);
    this.#counter = 0;
    this.#sBar = 0;
    this.#xBar = 0;
  }

  /** Updates with one transition's acceptance statistic and returns the next step size. */
  learn(acceptStat: number): number {
    this.#counter++;
    const a = Math.min(1, acceptStat);
    const eta = 1 / (this.#counter + DA_T0);
    this.#sBar = (1 - eta) * this.#sBar + eta * (this.#delta - a);
    const x = this.#mu - this.#sBar * Math.sqrt(this.#counter) / DA_GAMMA;
    const xEta = Math.pow(this.#counter, -DA_KAPPA);
    this.#xBar = (1 - xEta) * this.#xBar + xEta * x;
    return Math.exp(x);
  }

  /** The averaged step size to use after warmup. */
  final(): number {
    return Math.exp(this.#xBar);
  }
}

/** Stan's first metric window (its `window`), in iterations. */
export const STAN_WINDOW = 25;

/** Stan's windowed warmup schedule for the metric. */
export class WarmupWindows {
  readonly #warmup: number;
  readonly #initBuffer: number;
  readonly #termBuffer: number;
  #windowSize: number;
  #nextWindowEnd: number;
  #counter = 0;
  readonly enabled: boolean;

  /** @param base The first window's iterations (Stan's `window`). */
  constructor(warmup: number, base = STAN_WINDOW) {
    this.#warmup = warmup;
    let init = 75, term = 50;
    this.enabled = warmup >= 20;
    if (init + base + term > warmup) {
      init = Math.trunc(0.15 * warmup);
      term = Math.trunc(0.1 * warmup);
      base = warmup - (init + term);
    }
    this.#initBuffer = init;
    this.#termBuffer = term;
    this.#windowSize = base;
    this.#nextWindowEnd = init + base - 1;
  }

  /** Iterations of the initial buffer. */
  get initBuffer(): number {
    return this.#initBuffer;
  }

  /** Iterations between the initial and terminal buffers. */
  get middle(): number {
    return this.#warmup - this.#initBuffer - this.#termBuffer;
  }

  /**
   * Sets the first window's length (clamped to the middle) while still in the initial buffer.
   *
   * @throws {RangeError} once the first window has begun.
   */
  setFirstWindow(base: number): void {
    if (this.#counter > this.#initBuffer) {
      throw new RangeError("WarmupWindows: the first window has begun");
    }
    this.#windowSize = Math.min(base, this.middle);
    this.#nextWindowEnd = this.#initBuffer + this.#windowSize - 1;
  }

  /** Whether iteration `counter` (before increment) falls inside a metric window. */
  inWindow(): boolean {
    const c = this.#counter;
    return this.enabled && c >= this.#initBuffer && c < this.#warmup - this.#termBuffer &&
      c !== this.#warmup;
  }

  /** Advances one iteration; true when a window just ended and the metric should update. */
  step(): boolean {
    const c = this.#counter;
    const ended = this.enabled && c === this.#nextWindowEnd && c !== this.#warmup;
    if (ended) this.#computeNextWindow();
    this.#counter++;
    return ended;
  }

  #computeNextWindow(): void {
    const lastEnd = this.#warmup - this.#termBuffer - 1;
    if (this.#nextWindowEnd === lastEnd) return;
    this.#windowSize *= 2;
    this.#nextWindowEnd = this.#counter + this.#windowSize;
    if (this.#nextWindowEnd !== lastEnd) {
      const boundary = this.#nextWindowEnd + 2 * this.#windowSize;
      if (boundary >= this.#warmup - this.#termBuffer) this.#nextWindowEnd = lastEnd;
    }
  }
}
