/**
 * Geometric adstock, in the two parameterisations the anchors use:
 * - {@link geometricAdstock}: Robyn's infinite, unnormalised recursion
 *   `x*_t = x_t + θ·x*_{t-1}` (Robyn R/R/transformation.R `adstock_geometric`, v3.12); total weight
 *   is `1/(1-θ)`, so adstocked spend is larger than spend.
 * - {@link geometricNormalizedAdstock}: finite weights `θ^l / Σ_m θ^m` over `maxLag` lags that sum
 *   to 1 (pymc-marketing `geometric_adstock(normalize=True)`), so total spend is kept.
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";
import { convolveLags, lagCount, normalisedWeights, output, param } from "../_util.ts";

/** Parameters of {@link geometricAdstock}. */
export interface GeometricParams {
  /** Share θ of last row's adstock carried into this row, in [0, 1). */
  readonly decay: number;
}

/**
 * Robyn's geometric adstock: `x*_0 = x_0`, `x*_t = x_t + decay·x*_{t-1}`.
 *
 * @param x Spend per row (not modified).
 * @param params The decay θ.
 * @param out Optional array of the same length to write into.
 * @returns The adstocked series.
 *
 * @example An impulse decays by half each row (anchors.md §6, vector 1)
 * ```ts
 * import { geometricAdstock } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = geometricAdstock(new Float64Array([100, 0, 0, 0, 0]), { decay: 0.5 });
 * assert.deepEqual(Array.from(y), [100, 50, 25, 12.5, 6.25]);
 * ```
 */
export function geometricAdstock(
  x: Float64Array,
  params: GeometricParams,
  out?: Float64Array,
): Float64Array {
  const n = x.length, y = output(n, out), theta = params.decay;
  let prev = 0;
  for (let t = 0; t < n; t++) {
    prev = (x[t] as number) + theta * prev;
    y[t] = prev;
  }
  return y;
}

/** Parameters of {@link geometricNormalizedAdstock}. */
export interface GeometricNormalizedParams {
  /** Decay θ in [0, 1): lag l has weight proportional to θ^l. */
  readonly decay: number;
  /** Number of lags L (lag 0 included) carrying weight. */
  readonly maxLag: number;
}

/** Normalised geometric weights `θ^l / Σ_{m<L} θ^m`, l = 0..L-1. */
export function geometricWeights(decay: number, maxLag: number): Float64Array {
  return normalisedWeights(lagCount(maxLag), (l) => Math.pow(decay, l));
}

/**
 * Normalised geometric adstock: `x*_t = Σ_{l<L} w_l·x_{t-l}` with `w_l = θ^l / Σ_m θ^m`
 * (pymc-marketing `geometric_adstock`, normalize=True, mode After). Rows before the series
 * start count as zero spend; pass history (see `adstockWithHistory`) to carry it over.
 *
 * @param x Spend per row (not modified).
 * @param params Decay θ and maxLag L.
 * @param out Optional array of the same length to write into.
 * @returns The adstocked series, with the same total as `x` once the warm-up is over.
 *
 * @example Weights 0.5333, 0.2667, 0.1333, 0.0667 (anchors.md §6, vector 8)
 * ```ts
 * import { geometricNormalizedAdstock } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = geometricNormalizedAdstock(new Float64Array([1, 0, 0, 0]), { decay: 0.5, maxLag: 4 });
 * assert.ok(Math.abs((y[0] as number) - 8 / 15) < 1e-12);
 * ```
 */
export function geometricNormalizedAdstock(
  x: Float64Array,
  params: GeometricNormalizedParams,
  out?: Float64Array,
): Float64Array {
  return convolveLags(x, geometricWeights(params.decay, params.maxLag), output(x.length, out));
}

/**
 * Robyn's weekly decay guidance by channel type (Robyn demo/demo.R comments; anchors.md §2a):
 * TV 0.3-0.8, OOH/print/radio 0.1-0.4, digital 0-0.3.
 */
export const DECAY_BY_CHANNEL_TYPE = {
  tv: [0.3, 0.8],
  ooh: [0.1, 0.4],
  print: [0.1, 0.4],
  radio: [0.1, 0.4],
  digital: [0, 0.3],
  social: [0, 0.3],
  search: [0, 0.3],
  display: [0, 0.3],
} as const satisfies Readonly<Record<string, readonly [number, number]>>;

/** A media type with rule-of-thumb carry-over bounds: `tv`, `radio`, `social` … */
export type ChannelType = keyof typeof DECAY_BY_CHANNEL_TYPE;

/** The media types that have decay guidance, for validating user input. */
export const CHANNEL_TYPES: readonly ChannelType[] = Object.keys(
  DECAY_BY_CHANNEL_TYPE,
) as ChannelType[];

/** Registry descriptor of {@link geometricAdstock} (kind `"geometric"`). */
export const GEOMETRIC: TransformDescriptor = {
  kind: "geometric",
  family: "adstock",
  doc: "Robyn's unnormalised geometric adstock x*_t = x_t + decay·x*_{t-1}",
  params: {
    decay: {
      lower: 0,
      upper: 0.8,
      default: 0.3,
      min: 0,
      max: 0.9999,
      doc: "carry-over share per row in [0, 1); tuning range 0-0.8 is Robyn's default " +
        "(TV 0.3-0.8, print/OOH 0.1-0.4, digital 0-0.3 weekly)",
      byChannelType: DECAY_BY_CHANNEL_TYPE,
    },
  },
  apply: (x, p, out) => geometricAdstock(x, { decay: param(p, "decay") }, out),
  gradient(x, p) {
    const theta = param(p, "decay"), n = x.length, g = new Float64Array(n);
    let prev = 0, dprev = 0;
    for (let t = 0; t < n; t++) {
      // d x*_t / dθ = x*_{t-1} + θ · d x*_{t-1} / dθ
      const d = prev + theta * dprev;
      prev = (x[t] as number) + theta * prev;
      dprev = d;
      g[t] = d;
    }
    return { decay: g };
  },
  // Σ_l θ^l = 1/(1−θ) over the infinite recursion.
  gain: (p) => 1 / (1 - param(p, "decay")),
  gainGradient: (p) => ({ decay: 1 / (1 - param(p, "decay")) ** 2 }),
};

/** Registry descriptor of {@link geometricNormalizedAdstock} (kind `"geometric-normalized"`). */
export const GEOMETRIC_NORMALIZED: TransformDescriptor = {
  kind: "geometric-normalized",
  family: "adstock",
  doc: "geometric weights θ^l normalised to sum 1 over maxLag lags (pymc-marketing)",
  params: {
    decay: {
      lower: 0,
      upper: 0.8,
      default: 0.3,
      min: 0,
      max: 0.9999,
      doc: "lag l has weight proportional to decay^l; tuning range 0-0.8 as Robyn's theta",
      byChannelType: DECAY_BY_CHANNEL_TYPE,
    },
    maxLag: {
      lower: 12,
      upper: 12,
      default: 12,
      min: 1,
      max: 520,
      integer: true,
      doc: "number of lags carrying weight (lag 0 included); pymc-marketing's l_max default 12",
    },
  },
  apply: (x, p, out) =>
    geometricNormalizedAdstock(x, { decay: param(p, "decay"), maxLag: param(p, "maxLag") }, out),
  gradient(x, p) {
    const theta = param(p, "decay"), lags = lagCount(param(p, "maxLag"));
    let s = 0, ds = 0;
    for (let l = 0; l < lags; l++) {
      s += Math.pow(theta, l);
      if (l > 0) ds += l * Math.pow(theta, l - 1);
    }
    const dw = new Float64Array(lags);
    for (let l = 0; l < lags; l++) {
      const dv = l > 0 ? l * Math.pow(theta, l - 1) : 0;
      dw[l] = (dv * s - Math.pow(theta, l) * ds) / (s * s);
    }
    return { decay: convolveLags(x, dw, new Float64Array(x.length)) };
  },
  gain: () => 1,
  gainGradient: () => ({ decay: 0 }),
};
