/**
 * Sampling a response curve into a piecewise-linear function whose breakpoints are denser where
 * the curve bends most, and finding how much of it is non-concave.
 *
 * Placement: the interpolation error of a linear piece over width h is about h²·|f''|/8, so
 * breakpoints equidistribute a density ∝ |f''|^(1/2) (de Boor, "A Practical Guide to Splines",
 * ch. III), mixed half-and-half with a uniform density so flat stretches still get points.
 *
 * @module
 */
import type { SpendCurve } from "./types.ts";

/** A piecewise-linear curve on `[xs[0], xs[K]]`. */
export interface Piecewise {
  /** Breakpoints, strictly increasing. */
  readonly xs: Float64Array;
  /** Curve values at the breakpoints. */
  readonly ys: Float64Array;
  /**
   * Number of leading segments that must be filled in order (0 for a concave curve): the
   * segments before the last place where the slope increases.
   */
  readonly ordered: number;
}

const DENSE = 400;

/** Places `n` breakpoints on `[lo, hi]` (plus any `extra` points inside), denser where f bends. */
export function samplePiecewise(
  f: SpendCurve,
  lo: number,
  hi: number,
  n: number,
  extra: readonly number[] = [],
): Piecewise {
  if (!(hi > lo)) {
    return fromPoints(f, [lo]);
  }
  const h = (hi - lo) / DENSE;
  const fs = new Float64Array(DENSE + 1);
  for (let i = 0; i <= DENSE; i++) fs[i] = f(lo + i * h);
  // cumulative density: uniform half + sqrt(|second difference|) half
  const dens = new Float64Array(DENSE);
  let curveTotal = 0;
  for (let i = 0; i < DENSE; i++) {
    const mid = Math.min(Math.max(i, 1), DENSE - 1);
    const d2 = Math.abs(
      (fs[mid + 1] as number) - 2 * (fs[mid] as number) + (fs[mid - 1] as number),
    );
    dens[i] = Math.sqrt(d2);
    curveTotal += dens[i] as number;
  }
  const cum = new Float64Array(DENSE + 1);
  for (let i = 0; i < DENSE; i++) {
    const w = 0.5 / DENSE + (curveTotal > 0 ? 0.5 * (dens[i] as number) / curveTotal : 0.5 / DENSE);
    cum[i + 1] = (cum[i] as number) + w;
  }
  const points: number[] = [lo, hi];
  const segments = Math.max(1, n - 1);
  let j = 0;
  for (let k = 1; k < segments; k++) {
    const target = k / segments;
    while (j < DENSE - 1 && (cum[j + 1] as number) < target) j++;
    const c0 = cum[j] as number, c1 = cum[j + 1] as number;
    const t = c1 > c0 ? (target - c0) / (c1 - c0) : 0;
    points.push(lo + (j + t) * h);
  }
  for (const x of extra) if (x > lo && x < hi) points.push(x);
  return fromPoints(f, points);
}

/** Builds a {@link Piecewise} from unsorted points (duplicates within 1e-12 relative are merged). */
export function fromPoints(f: SpendCurve, points: readonly number[]): Piecewise {
  const sorted = [...points].sort((a, b) => a - b);
  const span = Math.max(Math.abs(sorted[sorted.length - 1] as number), 1e-300);
  const xs: number[] = [];
  for (const x of sorted) {
    if (xs.length === 0 || x - (xs[xs.length - 1] as number) > 1e-12 * span) xs.push(x);
  }
  const ys = xs.map((x) => f(x));
  const X = Float64Array.from(xs), Y = Float64Array.from(ys);
  return { xs: X, ys: Y, ordered: orderedPrefix(X, Y) };
}

/** Index of the last segment whose slope exceeds the previous one (0 when slopes never rise). */
function orderedPrefix(xs: Float64Array, ys: Float64Array): number {
  const k = xs.length - 1;
  let maxSlope = 0;
  const slopes = new Float64Array(Math.max(k, 0));
  for (let i = 0; i < k; i++) {
    slopes[i] = ((ys[i + 1] as number) - (ys[i] as number)) /
      ((xs[i + 1] as number) - (xs[i] as number));
    maxSlope = Math.max(maxSlope, Math.abs(slopes[i] as number));
  }
  const tol = 1e-9 * maxSlope;
  let last = 0;
  for (let i = 1; i < k; i++) {
    if ((slopes[i] as number) > (slopes[i - 1] as number) + tol) last = i;
  }
  return last;
}

/** The slope of each segment of a piecewise curve. */
export function slopes(p: Piecewise): Float64Array {
  const k = p.xs.length - 1;
  const s = new Float64Array(Math.max(k, 0));
  for (let i = 0; i < k; i++) {
    s[i] = ((p.ys[i + 1] as number) - (p.ys[i] as number)) /
      ((p.xs[i + 1] as number) - (p.xs[i] as number));
  }
  return s;
}

/**
 * The largest amount by which the curve rises above its piecewise-linear interpolation,
 * checked at 7 interior points of every segment (0 when the curve is convex).
 */
export function maxChordExcess(f: SpendCurve, p: Piecewise): number {
  let worst = 0;
  for (let i = 0; i + 1 < p.xs.length; i++) {
    const x0 = p.xs[i] as number, x1 = p.xs[i + 1] as number;
    const y0 = p.ys[i] as number, y1 = p.ys[i + 1] as number;
    for (let q = 1; q < 8; q++) {
      const t = q / 8;
      const excess = f(x0 + t * (x1 - x0)) - (y0 + t * (y1 - y0));
      if (excess > worst) worst = excess;
    }
  }
  return worst;
}

/**
 * Keeps at most `maxOrdered` segments in the rising-slope prefix of a piece (every k-th prefix
 * breakpoint, always the prefix end), so an S-curve needs fewer 0/1 variables. Chords over a
 * convex stretch lie above the curve, so a thinned prefix can only flatter the convex part;
 * refinement passes re-solve on the exact curve around the answer.
 */
export function thinPrefix(f: SpendCurve, p: Piecewise, maxOrdered: number): Piecewise {
  if (p.ordered <= maxOrdered) return p;
  const k = Math.ceil(p.ordered / maxOrdered);
  const pts: number[] = [];
  for (let i = 0; i < p.ordered; i += k) pts.push(p.xs[i] as number);
  for (let i = p.ordered; i < p.xs.length; i++) pts.push(p.xs[i] as number);
  return fromPoints(f, pts);
}
