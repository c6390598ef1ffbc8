/**
 * One channel of the hierarchical geo model on the sampler's hot path, for every geo at once:
 * the media column `s = saturation(adstock(x) / gain)` over the stacked panel (geo-major rows),
 * its derivative in each free transform parameter, and per geo the column's sum over the weeks
 * with that sum's derivatives. Adstock runs per geo (carryover never crosses a geo boundary);
 * saturation is row-wise, so it runs once over the whole panel: the logistic with the national
 * model's fused kernel (`bayes/_fused_transforms.ts`), Hill in WebAssembly SIMD (`_hill_simd.ts`).
 *
 * Adstocks: geometric by its recursion; any finite-window adstock (one with a whole-number
 * `maxLag`: normalised geometric, binomial, Weibull, delayed) as a convolution whose weights and
 * weight derivatives are the descriptor's response to a unit impulse, computed once per
 * evaluation for every geo. Saturations: Hill, power-Hill and logistic (the fused ones).
 *
 * @module
 */
import { ConfigError } from "../../../errors.ts";
import { getTransform } from "../../../transforms/registry.ts";
import type { TransformDescriptor } from "../../../transforms/descriptor.ts";
import type { TransformSpec } from "../../../types.ts";
import {
  geometricForward,
  logisticForward,
  truncatedGeometricForward,
} from "../../bayes/_fused_transforms.ts";
import { SimdHill } from "./_hill_simd.ts";
import { weightedGeoSums } from "./_geo_sums.ts";
import {
  type ColumnBuffers,
  columnBuffers,
  type FreeParam,
  freeParameters,
  saturationIndex,
} from "../../bayes/_channel_kernel.ts";

const FUSED_SATURATIONS = ["hill", "power-hill", "logistic"] as const;

/** A channel's media columns in every geo and their derivatives (see the module doc). */
export class GeoChannelKernel {
  /** Channel name. */
  readonly name: string;
  /** Free parameters, adstock ones first. */
  readonly free: readonly FreeParam[];
  /** Number of free adstock parameters. */
  readonly adFree: number;
  /** The column over every row (geo-major) at the current parameters. */
  readonly s: Float64Array;
  /** ∂s/∂θ_k per free parameter k. */
  readonly ds: readonly Float64Array[];
  /** Per geo: Σ_t s over its weeks. */
  readonly geoSum: Float64Array;
  /** Per free parameter k and geo g: `dGeoSum[k][g]` = Σ_t ∂s/∂θ_k. */
  readonly dGeoSum: readonly Float64Array[];
  /** Weights of 1 over every row, for the unweighted per-geo sums. */
  readonly #ones: Float64Array;
  readonly #x: Float64Array;
  readonly #geos: number;
  readonly #weeks: number;
  readonly #adstock: TransformDescriptor;
  readonly #saturation: TransformDescriptor;
  readonly #adParams: Record<string, number>;
  readonly #satParams: Record<string, number>;
  /** Lags of a finite-window adstock (0 for geometric). */
  readonly #lags: number;
  readonly #impulse: Float64Array;
  readonly #w: Float64Array;
  readonly #dw: Float64Array[];
  readonly #main: ColumnBuffers;
  readonly #cf: ColumnBuffers;
  readonly #cfx: Float64Array;
  readonly #satIndex: Readonly<Record<string, number>>;
  /** The Hill kernel (Hill and power-Hill), for up to every row of the panel. */
  readonly #hill: SimdHill | undefined;

  /**
   * @param name Channel name (for errors).
   * @param x Spend per person ÷ the channel's scale, geo-major (geos × weeks rows).
   * @param geos Number of geos.
   * @param adstock The adstock with its starting (or fixed) parameter values.
   * @param saturation The saturation with its starting (or fixed) parameter values.
   * @param fixed Names of parameters held at their values (`"all"` for every one).
   * @throws {ConfigError} For an adstock or saturation the geo model has no kernel for.
   */
  constructor(
    name: string,
    x: Float64Array,
    geos: number,
    adstock: TransformSpec,
    saturation: TransformSpec,
    fixed: ReadonlySet<string> | "all",
  ) {
    this.name = name;
    this.#x = x;
    this.#geos = geos;
    const weeks = this.#weeks = x.length / geos;
    this.#adstock = getTransform(adstock.kind, { family: "adstock" });
    this.#saturation = getTransform(saturation.kind, { family: "saturation" });
    const windowed = this.#adstock.params.maxLag?.integer === true;
    if (this.#adstock.kind !== "geometric" && !windowed) {
      throw new ConfigError(
        `Cannot fit the geo Bayesian model: adstock "${adstock.kind}" of channel "${name}" has no geo kernel`,
        {
          channel: name,
          key: `channels.${name}.adstock.kind`,
          hint:
            'use "geometric" or a finite-window adstock ("geometric-normalized", "binomial", …)',
        },
      );
    }
    if (!(FUSED_SATURATIONS as readonly string[]).includes(this.#saturation.kind)) {
      throw new ConfigError(
        `Cannot fit the geo Bayesian model: saturation "${saturation.kind}" of channel "${name}" has no geo kernel`,
        {
          channel: name,
          key: `channels.${name}.saturation.kind`,
          hint: `use one of ${FUSED_SATURATIONS.map((k) => `"${k}"`).join(", ")}`,
        },
      );
    }
    this.#adParams = { ...adstock.params };
    this.#satParams = { ...saturation.params };
    const free = this.free = freeParameters(this.#adstock, this.#saturation, fixed);
    this.adFree = free.filter((f) => f.stage === "adstock").length;
    this.#satIndex = saturationIndex(free);
    this.#lags = windowed ? Math.max(1, Math.round(this.#adParams.maxLag as number)) : 0;
    this.#impulse = new Float64Array(this.#lags);
    if (this.#lags > 0) this.#impulse[0] = 1;
    this.#w = new Float64Array(this.#lags);
    this.#dw = Array.from({ length: this.adFree }, () => new Float64Array(this.#lags));
    this.#main = columnBuffers(x.length, this.adFree, free.length);
    this.#hill = this.#saturation.kind === "logistic" ? undefined : new SimdHill(x.length);
    this.#cf = columnBuffers(weeks, this.adFree, free.length);
    this.#cfx = new Float64Array(weeks);
    this.s = this.#main.s;
    this.ds = this.#main.ds;
    this.geoSum = new Float64Array(geos);
    this.dGeoSum = free.map(() => new Float64Array(geos));
    this.#ones = new Float64Array(x.length).fill(1);
  }

  /** Sets free parameter k (in {@link GeoChannelKernel.free} order) to `value`. */
  set(k: number, value: number): void {
    const f = this.free[k] as FreeParam;
    (f.stage === "adstock" ? this.#adParams : this.#satParams)[f.name] = value;
  }

  /** The current transforms (free parameters at their last set values). */
  specs(): { adstock: TransformSpec; saturation: TransformSpec } {
    return {
      adstock: { kind: this.#adstock.kind, params: { ...this.#adParams } },
      saturation: { kind: this.#saturation.kind, params: { ...this.#satParams } },
    };
  }

  /** The descriptors of the channel's adstock and saturation. */
  get descriptors(): { adstock: TransformDescriptor; saturation: TransformDescriptor } {
    return { adstock: this.#adstock, saturation: this.#saturation };
  }

  /**
   * Computes the column in every geo, its derivatives (when `gradient`), and each geo's sums.
   * `factor` multiplies the spend (1.01 for a marginal return; the default 1 is the data).
   */
  forward(gradient = true, factor = 1): void {
    const G = this.#geos, T = this.#weeks, b = this.#main;
    this.#weights(gradient);
    for (let g = 0; g < G; g++) this.#adstockRows(this.#x, b, g * T, T, gradient, factor);
    this.#finish(b, 0, G * T, gradient);
    weightedGeoSums(this.#ones, b.s, gradient ? b.ds : [], G, T, this.geoSum, this.dGeoSum);
  }

  /**
   * The column's drop in geo g over its weeks [from, to) when that geo's spend of those weeks is
   * removed (carryover from earlier weeks kept): Σ_{t∈[from,to)} (s_t − s'_t). Call after
   * {@link GeoChannelKernel.forward}; with `dD` (after a forward with gradients), writes ∂D/∂θ_k.
   */
  windowDrop(g: number, from: number, to: number, dD?: Float64Array): number {
    const T = this.#weeks, cf = this.#cf, x = this.#cfx, main = this.#main, lo = g * T;
    x.set(this.#x.subarray(lo, lo + T));
    x.fill(0, from, to);
    const gradient = dD !== undefined;
    this.#adstockRows(x, cf, 0, to, gradient, 1);
    this.#finish(cf, from, to, gradient);
    let D = 0;
    for (let t = from; t < to; t++) D += (main.s[lo + t] as number) - (cf.s[t] as number);
    if (dD) {
      for (let k = 0; k < this.free.length; k++) {
        const a = main.ds[k] as Float64Array, c = cf.ds[k] as Float64Array;
        let d = 0;
        for (let t = from; t < to; t++) d += (a[lo + t] as number) - (c[t] as number);
        dD[k] = d;
      }
    }
    return D;
  }

  /** A finite-window adstock's weights (and derivatives) at the current parameters. */
  #weights(gradient: boolean): void {
    if (this.#lags === 0 || this.#adstock.kind === "geometric-normalized") return;
    this.#adstock.apply(this.#impulse, this.#adParams, this.#w);
    if (!gradient || this.adFree === 0) return;
    const g = this.#adstock.gradient(this.#impulse, this.#adParams);
    for (let k = 0; k < this.adFree; k++) {
      (this.#dw[k] as Float64Array).set(g[(this.free[k] as FreeParam).name] as Float64Array);
    }
  }

  /**
   * Adstock of x·factor over rows [off, off + to) (one geo's weeks from its first) into b,
   * derivatives when `gradient`. The weights must be current (`#weights`).
   */
  #adstockRows(
    x: Float64Array,
    b: ColumnBuffers,
    off: number,
    to: number,
    gradient: boolean,
    factor: number,
  ): void {
    const L = this.#lags, adFree = gradient ? this.adFree : 0, a = b.u, end = off + to;
    if (L === 0) {
      // geometric: a_t = x_t + θ a_{t−1}, linear in x (the factor is applied after)
      const da = adFree > 0 ? b.du[0] : undefined;
      geometricForward(x, this.#adParams.decay as number, a, da, off, end, 0, 0, false);
      if (factor !== 1) {
        for (let t = off; t < end; t++) {
          a[t] = (a[t] as number) * factor;
          if (da) da[t] = (da[t] as number) * factor;
        }
      }
      return;
    }
    if (this.#adstock.kind === "geometric-normalized" && adFree <= 1) {
      const da = adFree > 0 ? b.du[0] : undefined;
      truncatedGeometricForward(x, this.#adParams.decay as number, L, a, da, off, end, factor);
      return;
    }
    const w = this.#w;
    for (let t = off; t < end; t++) {
      const top = t - off < L - 1 ? t - off : L - 1;
      let s = 0;
      for (let l = 0; l <= top; l++) s += (w[l] as number) * (x[t - l] as number);
      a[t] = s * factor;
    }
    for (let k = 0; k < adFree; k++) {
      const dw = this.#dw[k] as Float64Array, da = b.du[k] as Float64Array;
      for (let t = off; t < end; t++) {
        const top = t - off < L - 1 ? t - off : L - 1;
        let s = 0;
        for (let l = 0; l <= top; l++) s += (dw[l] as number) * (x[t - l] as number);
        da[t] = s * factor;
      }
    }
  }

  /** Unit gain, saturation and the chain rule on rows [from, to) of b. */
  #finish(b: ColumnBuffers, from: number, to: number, gradient: boolean): void {
    const adFree = gradient ? this.adFree : 0, p = this.#satParams;
    const gain = (this.#adstock.gain as NonNullable<TransformDescriptor["gain"]>)(this.#adParams);
    const u = b.u;
    if (gain !== 1) {
      // u = a/G, ∂u/∂θ = (∂a/∂θ)/G − u·(∂G/∂θ)/G
      const inv = 1 / gain;
      for (let t = from; t < to; t++) u[t] = (u[t] as number) * inv;
      if (adFree > 0) {
        const dG = (this.#adstock.gainGradient as NonNullable<TransformDescriptor["gainGradient"]>)(
          this.#adParams,
        );
        for (let k = 0; k < adFree; k++) {
          const d = b.du[k] as Float64Array,
            r = (dG[(this.free[k] as FreeParam).name] as number) * inv;
          for (let t = from; t < to; t++) d[t] = (d[t] as number) * inv - (u[t] as number) * r;
        }
      }
    }
    const ik = gradient ? (this.#satIndex.halfSaturation ?? -1) : -1;
    const ia = gradient ? (this.#satIndex.shape ?? -1) : -1;
    const il = gradient ? (this.#satIndex.lambda ?? -1) : -1;
    if (this.#saturation.kind === "logistic") {
      logisticForward(
        u,
        p.lambda as number,
        b.s,
        b.slope,
        il >= 0 ? b.ds[il] : undefined,
        from,
        to,
      );
    } else {
      const k = this.#saturation.kind === "hill" ? p.halfSaturation as number : 1;
      (this.#hill as SimdHill).forward(
        b,
        { k, shape: p.shape as number, dk: ik, ds: ia },
        from,
        to,
      );
    }
    for (let k = 0; k < adFree; k++) {
      const out = b.ds[k] as Float64Array, du = b.du[k] as Float64Array, sl = b.slope;
      for (let t = from; t < to; t++) out[t] = (sl[t] as number) * (du[t] as number);
    }
  }
}
