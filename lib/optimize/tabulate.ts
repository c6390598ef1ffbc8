/**
 * Tabulating response curves: a curve that is costly to evaluate (a model prediction per call,
 * as steady-state curves of a fitted model are) is sampled once and replaced by a monotone
 * cubic interpolant, so the optimizer's thousands of evaluations cost microseconds.
 *
 * Interpolation: piecewise cubic Hermite with Fritsch–Butland tangents (Fritsch & Carlson,
 * SIAM J. Numer. Anal. 17(2), 1980; the weighted harmonic mean and the one-sided end rule as in
 * scipy.interpolate.PchipInterpolator). It keeps monotone data monotone and never overshoots.
 *
 * @module
 */
import { positiveOption } from "./option_checks.ts";
import type { ChannelResponse, SpendCurve } from "./types.ts";

/** Options of {@link tabulateResponses}. */
export interface TabulateOptions {
  /**
   * Largest spend tabulated, for all channels or by channel name; beyond it the curve continues
   * along its last tangent. @default 3 × the largest current spend of any channel
   */
  readonly maxSpend?: number | Readonly<Record<string, number>>;
  /** Sample points per curve, spaced quadratically (denser near zero spend). @default 256 */
  readonly points?: number;
}

/**
 * The monotone cubic (PCHIP) interpolant through points with increasing `xs`; left of the
 * first point it is constant, right of the last it follows the end tangent.
 */
export function pchip(xs: Float64Array, ys: Float64Array): SpendCurve {
  const n = xs.length;
  const h = new Float64Array(n - 1), d = new Float64Array(n - 1), m = new Float64Array(n);
  for (let k = 0; k < n - 1; k++) {
    h[k] = xs[k + 1]! - xs[k]!;
    d[k] = (ys[k + 1]! - ys[k]!) / h[k]!;
  }
  if (n === 2) m[0] = m[1] = d[0]!;
  for (let k = 1; k < n - 1; k++) {
    const a = d[k - 1]!, b = d[k]!;
    if (a * b <= 0) m[k] = 0;
    else {
      const w1 = 2 * h[k]! + h[k - 1]!, w2 = h[k]! + 2 * h[k - 1]!;
      m[k] = (w1 + w2) / (w1 / a + w2 / b);
    }
  }
  const end = (h0: number, h1: number, d0: number, d1: number): number => {
    const t = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
    if (Math.sign(t) !== Math.sign(d0)) return 0;
    if (Math.sign(d0) !== Math.sign(d1) && Math.abs(t) > Math.abs(3 * d0)) return 3 * d0;
    return t;
  };
  if (n > 2) {
    m[0] = end(h[0]!, h[1]!, d[0]!, d[1]!);
    m[n - 1] = end(h[n - 2]!, h[n - 3]!, d[n - 2]!, d[n - 3]!);
  }
  return (x: number): number => {
    if (x <= xs[0]!) return ys[0]!;
    if (x >= xs[n - 1]!) return ys[n - 1]! + m[n - 1]! * (x - xs[n - 1]!);
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= x) lo = mid;
      else hi = mid;
    }
    const hk = h[lo]!, t = (x - xs[lo]!) / hk, t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * ys[lo]! + (t3 - 2 * t2 + t) * hk * m[lo]! +
      (-2 * t3 + 3 * t2) * ys[lo + 1]! + (t3 - t2) * hk * m[lo + 1]!;
  };
}

/**
 * One channel's response curve (and its draws) sampled at increasing spend levels: the
 * serializable form of a tabulated curve, which {@link interpolateResponses} turns back into
 * fast interpolants (a browser page embeds it instead of recomputing it from the model).
 */
export interface ResponseTable {
  /** Channel name. */
  readonly name: string;
  /** Current spend per period. */
  readonly currentSpend: number;
  /** Increasing spend levels, the first one 0. */
  readonly spend: Float64Array;
  /** The curve at each level. */
  readonly response: Float64Array;
  /** Each posterior draw of the curve at the same levels (curves with draws only). */
  readonly draws?: readonly Float64Array[];
}

/**
 * Samples each channel's curve (and its draws) once on [0, maxSpend], spaced quadratically
 * (denser near zero spend, where curves bend most).
 *
 * @param channels Channels with possibly costly response functions.
 * @param options Range and number of sample points.
 * @returns One table per channel, in the same order.
 *
 * @example Three points on [0, 4]
 * ```ts
 * import { sampleResponses } from "mixlab/optimize";
 * import assert from "node:assert/strict";
 * const [t] = sampleResponses([{ name: "tv", currentSpend: 1, response: (x) => 2 * x }], {
 *   maxSpend: 4, points: 3,
 * });
 * assert.deepEqual(Array.from(t!.spend), [0, 1, 4]);
 * assert.deepEqual(Array.from(t!.response), [0, 2, 8]);
 * ```
 */
export function sampleResponses(
  channels: readonly ChannelResponse[],
  options: TabulateOptions = {},
): ResponseTable[] {
  const n = options.points ?? 256;
  if (!Number.isInteger(n) || n < 3) {
    throw new RangeError(`Cannot tabulate responses: points must be an integer >= 3, got ${n}`);
  }
  const largest = Math.max(...channels.map((c) => c.currentSpend));
  return channels.map((c) => {
    const raw = typeof options.maxSpend === "number"
      ? options.maxSpend
      : options.maxSpend?.[c.name] ?? 3 * largest;
    const top = positiveOption(raw, `maxSpend of "${c.name}"`, "tabulate responses");
    const spend = Float64Array.from({ length: n }, (_, i) => top * (i / (n - 1)) ** 2);
    const table: ResponseTable = {
      name: c.name,
      currentSpend: c.currentSpend,
      spend,
      response: spend.map((x) => c.response(x)),
    };
    return c.draws ? { ...table, draws: c.draws.map((f) => spend.map((x) => f(x))) } : table;
  });
}

/**
 * Channels whose curves are monotone cubic interpolants ({@link pchip}) of sampled tables.
 *
 * @param tables Tables from {@link sampleResponses} (or their JSON, rebuilt as typed arrays).
 * @returns Channels ready for the optimizer, in the same order.
 *
 * @example Interpolating a sampled straight line
 * ```ts
 * import { interpolateResponses } from "mixlab/optimize";
 * import assert from "node:assert/strict";
 * const [tv] = interpolateResponses([{
 *   name: "tv", currentSpend: 1,
 *   spend: new Float64Array([0, 1, 4]), response: new Float64Array([0, 2, 8]),
 * }]);
 * assert.equal(tv!.response(2.5), 5);
 * ```
 */
export function interpolateResponses(tables: readonly ResponseTable[]): ChannelResponse[] {
  return tables.map((t) => {
    const out: ChannelResponse = {
      name: t.name,
      currentSpend: t.currentSpend,
      response: pchip(t.spend, t.response),
    };
    return t.draws ? { ...out, draws: t.draws.map((ys) => pchip(t.spend, ys)) } : out;
  });
}

/**
 * Samples each channel's curve (and its draws) once on [0, maxSpend] and returns channels whose
 * curves are fast monotone interpolants of those samples: {@link interpolateResponses} of
 * {@link sampleResponses}.
 *
 * @param channels Channels with possibly costly response functions.
 * @param options Range and number of sample points.
 * @returns The same channels (names, current spend) with tabulated curves.
 *
 * @example A tabulated curve agrees with the original
 * ```ts
 * import { tabulateResponses } from "mixlab";
 * import assert from "node:assert/strict";
 * const [tv] = tabulateResponses([{ name: "tv", currentSpend: 10, response: Math.log1p }]);
 * assert.ok(Math.abs(tv!.response(7.3) - Math.log1p(7.3)) < 1e-6);
 * ```
 */
export function tabulateResponses(
  channels: readonly ChannelResponse[],
  options: TabulateOptions = {},
): ChannelResponse[] {
  return interpolateResponses(sampleResponses(channels, options));
}
