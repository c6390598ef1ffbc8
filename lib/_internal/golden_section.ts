/**
 * Golden-section search for the minimum of a unimodal function on an interval (Kiefer 1953):
 * each step keeps the part of the bracket that holds the smaller of two interior values and
 * reuses one of them, shrinking the bracket by φ − 1 ≈ 0.618. To maximise, minimise −f.
 *
 * @module
 */

/** The inverse golden ratio, (√5 − 1) / 2. */
const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** Options of {@link goldenSectionMin}. */
export interface GoldenSectionOptions {
  /** Most steps. @default Infinity */
  readonly maxIterations?: number;
  /** Stop once the bracket is no wider than this. @default 0 */
  readonly tolerance?: number;
}

/** The final bracket `[lower, upper]` and its two interior points with their values. */
export interface GoldenSectionResult {
  readonly lower: number;
  readonly upper: number;
  readonly x1: number;
  readonly f1: number;
  readonly x2: number;
  readonly f2: number;
}

/**
 * Narrows `[lower, upper]` around the minimum of `f` (ties keep the left part). The caller
 * reads its answer from the result: the better interior point, or the bracket's midpoint.
 */
export function goldenSectionMin(
  f: (x: number) => number,
  lower: number,
  upper: number,
  options: GoldenSectionOptions = {},
): GoldenSectionResult {
  const maxIterations = options.maxIterations ?? Infinity, tolerance = options.tolerance ?? 0;
  let a = lower, b = upper;
  let x1 = b - INV_PHI * (b - a), x2 = a + INV_PHI * (b - a);
  let f1 = f(x1), f2 = f(x2);
  for (let it = 0; it < maxIterations && b - a > tolerance; it++) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - INV_PHI * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + INV_PHI * (b - a);
      f2 = f(x2);
    }
  }
  return { lower: a, upper: b, x1, f1, x2, f2 };
}
