/**
 * One channel of the Bayesian MMM on the sampler's hot path: the media column
 * `s = saturation(adstock(x) / gain)` at the current transform parameters, its derivative in each
 * free parameter, its mean s̄ over the rows with that mean's derivatives, and the counterfactual
 * a lift test needs (the column with the spend of a window removed). Every buffer is allocated
 * once; geometric adstock, Hill and logistic saturation have fused kernels (one pass, no
 * allocation), other transforms go through their descriptors (`apply`/`gradient`).
 *
 * @module
 */
import { ConfigError } from "../../errors.ts";
import { getTransform } from "../../transforms/registry.ts";
import type { TransformDescriptor } from "../../transforms/descriptor.ts";
import type { TransformSpec } from "../../types.ts";
import { saturationSlope, SLOPE_KINDS } from "./_saturation_slope.ts";
import { geometricForward, hillForward, logisticForward } from "./_fused_transforms.ts";

/** A free transform parameter of a channel. */
export interface FreeParam {
  /** `"adstock"` or `"saturation"`. */
  readonly stage: "adstock" | "saturation";
  /** Parameter name in the transform. */
  readonly name: string;
}

/**
 * The free parameters of a channel's transforms, adstock ones first: every parameter not named
 * in `fixed` (`"all"` fixes every one) and not whole-numbered.
 */
export function freeParameters(
  adstock: TransformDescriptor,
  saturation: TransformDescriptor,
  fixed: ReadonlySet<string> | "all",
): FreeParam[] {
  const free: FreeParam[] = [];
  for (const [stage, d] of [["adstock", adstock], ["saturation", saturation]] as const) {
    for (const [p, spec] of Object.entries(d.params)) {
      if (spec.integer !== true && fixed !== "all" && !fixed.has(p)) free.push({ stage, name: p });
    }
  }
  return free;
}

/** Index among `free` of each free saturation parameter, by name. */
export function saturationIndex(free: readonly FreeParam[]): Readonly<Record<string, number>> {
  return Object.fromEntries(
    free.flatMap((f, k) => (f.stage === "saturation" ? [[f.name, k]] : [])),
  );
}

type Slope = NonNullable<ReturnType<typeof saturationSlope>>;

/** Buffers of one evaluation of the column (the actual spend, or a counterfactual). */
export interface ColumnBuffers {
  /** Saturation input u = adstock / gain (the geo kernel writes the adstock, then divides in place). */
  readonly u: Float64Array;
  /** ∂u/∂θ per free adstock parameter. */
  readonly du: Float64Array[];
  /** The column s = sat(u). */
  readonly s: Float64Array;
  /** ds/du. */
  readonly slope: Float64Array;
  /** ∂s/∂θ per free parameter (adstock ones first, then saturation), rows. */
  readonly ds: Float64Array[];
}

/** Zeroed buffers for `n` rows, `adFree` free adstock parameters and `free` in all. */
export function columnBuffers(n: number, adFree: number, free: number): ColumnBuffers {
  return {
    u: new Float64Array(n),
    du: Array.from({ length: adFree }, () => new Float64Array(n)),
    s: new Float64Array(n),
    slope: new Float64Array(n),
    ds: Array.from({ length: free }, () => new Float64Array(n)),
  };
}

/**
 * A channel's media column and its derivatives at the current transform parameters (see the
 * module doc). Set the free parameters with {@link ChannelKernel.set}, then call
 * {@link ChannelKernel.forward}.
 */
export class ChannelKernel {
  /** Channel name. */
  readonly name: string;
  /** Free parameters, adstock ones first. */
  readonly free: readonly FreeParam[];
  /** Number of free adstock parameters (they come first in {@link ChannelKernel.free}). */
  readonly adFree: number;
  /** The column at the current parameters (after {@link ChannelKernel.forward}). */
  readonly s: Float64Array;
  /** ∂s/∂θ_k per free parameter k. */
  readonly ds: readonly Float64Array[];
  /** Mean of s over the rows. */
  mean = 0;
  /** ∂(mean of s)/∂θ_k. */
  readonly dMean: Float64Array;
  readonly #x: Float64Array;
  readonly #n: number;
  readonly #adstock: TransformDescriptor;
  readonly #saturation: TransformDescriptor;
  readonly #slopeFn: Slope;
  readonly #adParams: Record<string, number>;
  readonly #satParams: Record<string, number>;
  readonly #fastGeometric: boolean;
  readonly #fastSat: "hill" | "power-hill" | "logistic" | undefined;
  readonly #main: ColumnBuffers;
  readonly #cf: ColumnBuffers;
  readonly #zeroed: Float64Array;
  /** Index in {@link ChannelKernel.free} of each free saturation parameter. */
  readonly #satIndex: Readonly<Record<string, number>>;

  /**
   * @param name Channel name (for errors).
   * @param x Spend divided by the channel's scale.
   * @param adstock The adstock with its starting (or fixed) parameter values.
   * @param saturation The saturation with its starting (or fixed) parameter values.
   * @param fixed Names of parameters held at their values (`"all"` for every one); whole-number
   * ones always are.
   * @throws {ConfigError} For a saturation whose input derivative is not known.
   */
  constructor(
    name: string,
    x: Float64Array,
    adstock: TransformSpec,
    saturation: TransformSpec,
    fixed: ReadonlySet<string> | "all",
  ) {
    this.name = name;
    this.#x = x;
    const n = x.length;
    this.#n = n;
    this.#adstock = getTransform(adstock.kind, { family: "adstock" });
    this.#saturation = getTransform(saturation.kind, { family: "saturation" });
    const slope = saturationSlope(this.#saturation.kind);
    if (slope === undefined) {
      throw new ConfigError(
        `Cannot fit Bayesian model: saturation "${this.#saturation.kind}" has no input derivative`,
        {
          channel: name,
          key: `channels.${name}.saturation.kind`,
          hint: `use one of ${SLOPE_KINDS.map((k) => `"${k}"`).join(", ")}`,
        },
      );
    }
    this.#slopeFn = slope;
    this.#adParams = { ...adstock.params };
    this.#satParams = { ...saturation.params };
    const free = this.free = freeParameters(this.#adstock, this.#saturation, fixed);
    this.adFree = free.filter((f) => f.stage === "adstock").length;
    this.#satIndex = saturationIndex(free);
    this.#fastGeometric = this.#adstock.kind === "geometric";
    const k = this.#saturation.kind;
    this.#fastSat = k === "hill" || k === "power-hill" || k === "logistic" ? k : undefined;
    this.#main = columnBuffers(n, this.adFree, free.length);
    this.#cf = columnBuffers(n, this.adFree, free.length);
    this.s = this.#main.s;
    this.ds = this.#main.ds;
    this.dMean = new Float64Array(free.length);
    this.#zeroed = new Float64Array(this.#fastGeometric ? 0 : n);
  }

  /** The adstock descriptor. */
  get adstock(): TransformDescriptor {
    return this.#adstock;
  }

  /** The saturation descriptor. */
  get saturation(): TransformDescriptor {
    return this.#saturation;
  }

  /** Sets free parameter k (in {@link ChannelKernel.free} order) to `value`. */
  set(k: number, value: number): void {
    const f = this.free[k] as FreeParam;
    (f.stage === "adstock" ? this.#adParams : this.#satParams)[f.name] = value;
  }

  /** The current value of a parameter of a stage. */
  param(stage: "adstock" | "saturation", name: string): number {
    return (stage === "adstock" ? this.#adParams : this.#satParams)[name] as number;
  }

  /** The current transforms (free parameters at their last set values). */
  specs(): { adstock: TransformSpec; saturation: TransformSpec } {
    return {
      adstock: { kind: this.#adstock.kind, params: { ...this.#adParams } },
      saturation: { kind: this.#saturation.kind, params: { ...this.#satParams } },
    };
  }

  /**
   * Computes the column, its derivatives (when `gradient`), its mean and the mean's derivatives
   * at the current parameters.
   */
  forward(gradient = true): void {
    this.#column(this.#main, -1, -1, gradient, this.#n);
    const n = this.#n, s = this.#main.s;
    let m = 0;
    for (let t = 0; t < n; t++) m += s[t] as number;
    this.mean = m / n;
    if (!gradient) return;
    for (let k = 0; k < this.free.length; k++) {
      const g = this.#main.ds[k] as Float64Array;
      let d = 0;
      for (let t = 0; t < n; t++) d += g[t] as number;
      this.dMean[k] = d / n;
    }
  }

  /**
   * The column's drop over rows [from, to) when the spend of those rows is removed:
   * D = Σ_{t∈[from,to)} (s_t − s'_t), where s' is the column with x zeroed on the window
   * (carryover from earlier rows kept). Call after {@link ChannelKernel.forward}; with `dD` given
   * (and after a forward with gradients), writes ∂D/∂θ_k into it.
   */
  windowDrop(from: number, to: number, dD?: Float64Array): number {
    const cf = this.#cf, main = this.#main;
    this.#column(cf, from, to, dD !== undefined, to);
    let D = 0;
    for (let t = from; t < to; t++) D += (main.s[t] as number) - (cf.s[t] as number);
    if (dD) {
      for (let k = 0; k < this.free.length; k++) {
        const a = main.ds[k] as Float64Array, b = cf.ds[k] as Float64Array;
        let d = 0;
        for (let t = from; t < to; t++) d += (a[t] as number) - (b[t] as number);
        dD[k] = d;
      }
    }
    return D;
  }

  /**
   * Fills `b` on rows [0, to) (rows from `zeroFrom` on are only computed up to `to`): the
   * saturation input, column, slope and parameter derivatives, with the spend of rows
   * [zeroFrom, zeroTo) removed when zeroFrom ≥ 0.
   */
  #column(b: ColumnBuffers, zeroFrom: number, zeroTo: number, gradient: boolean, to: number) {
    const adFree = this.adFree, main = this.#main;
    // rows where the counterfactual equals the actual column (before the window)
    const start = zeroFrom >= 0 ? zeroFrom : 0;
    if (this.#fastGeometric) {
      const theta = this.#adParams.decay as number;
      const da = gradient && adFree > 0 ? b.du[0] : undefined;
      if (zeroFrom < 0) geometricForward(this.#x, theta, b.u, da, 0, to, 0, 0, false);
      else {
        // continue from the actual adstock at zeroFrom − 1 (undo the gain division there)
        const g0 = 1 / (1 - theta);
        const prev = zeroFrom > 0 ? (main.u[zeroFrom - 1] as number) * g0 : 0;
        let dprev = 0;
        if (zeroFrom > 0 && da) {
          // main.du holds ∂(a/G)/∂θ = (∂a/∂θ)/G − (a/G)·G'/G with G'/G = 1/(1 − θ): recover ∂a/∂θ
          const u = main.u[zeroFrom - 1] as number;
          dprev = g0 * (((main.du[0] as Float64Array)[zeroFrom - 1] as number) + u * g0);
        }
        geometricForward(
          this.#x,
          theta,
          b.u,
          da,
          zeroFrom,
          Math.min(zeroTo, to),
          prev,
          dprev,
          true,
        );
        if (zeroTo < to) {
          const p = b.u[zeroTo - 1] as number, dp = da ? (da[zeroTo - 1] as number) : 0;
          geometricForward(this.#x, theta, b.u, da, zeroTo, to, p, dp, false);
        }
      }
    } else {
      let x = this.#x;
      if (zeroFrom >= 0) {
        x = this.#zeroed;
        x.set(this.#x);
        x.fill(0, zeroFrom, zeroTo);
      }
      this.#adstock.apply(x, this.#adParams, b.u);
      if (gradient && adFree > 0) {
        const g = this.#adstock.gradient(x, this.#adParams);
        for (let k = 0; k < adFree; k++) {
          (b.du[k] as Float64Array).set(g[(this.free[k] as FreeParam).name] as Float64Array);
        }
      }
    }
    // Unit gain (transforms/apply_channel.ts): u = a/G, ∂u/∂θ = (∂a/∂θ)/G − u·(∂G/∂θ)/G.
    const gain = (this.#adstock.gain as NonNullable<TransformDescriptor["gain"]>)(this.#adParams);
    if (gain !== 1) {
      const u = b.u, inv = 1 / gain;
      for (let t = start; t < to; t++) u[t] = (u[t] as number) * inv;
      if (gradient && adFree > 0) {
        const dG = (this.#adstock.gainGradient as NonNullable<TransformDescriptor["gainGradient"]>)(
          this.#adParams,
        );
        for (let k = 0; k < adFree; k++) {
          const g = b.du[k] as Float64Array;
          const r = (dG[(this.free[k] as FreeParam).name] as number) * inv;
          for (let t = start; t < to; t++) g[t] = (g[t] as number) * inv - (u[t] as number) * r;
        }
      }
    }
    this.#saturate(b, gradient, start, to);
    if (gradient) {
      // ∂s/∂θ_ad = s'(u)·∂u/∂θ
      for (let k = 0; k < adFree; k++) {
        const out = b.ds[k] as Float64Array, du = b.du[k] as Float64Array, sl = b.slope;
        for (let t = start; t < to; t++) out[t] = (sl[t] as number) * (du[t] as number);
      }
    }
  }

  /** Saturation of `b.u` on rows [from, to): column, slope and saturation-parameter derivatives. */
  #saturate(b: ColumnBuffers, gradient: boolean, from: number, to: number): void {
    const adFree = this.adFree, nFree = this.free.length, p = this.#satParams;
    const ik = gradient ? (this.#satIndex.halfSaturation ?? -1) : -1;
    const ia = gradient ? (this.#satIndex.shape ?? -1) : -1;
    const il = gradient ? (this.#satIndex.lambda ?? -1) : -1;
    switch (this.#fastSat) {
      case "hill":
      case "power-hill": // Hill with its half-saturation fixed at 1
        hillForward(
          b.u,
          this.#fastSat === "hill" ? p.halfSaturation as number : 1,
          p.shape as number,
          b.s,
          b.slope,
          ik >= 0 ? b.ds[ik] : undefined,
          ia >= 0 ? b.ds[ia] : undefined,
          from,
          to,
        );
        return;
      case "logistic":
        logisticForward(
          b.u,
          p.lambda as number,
          b.s,
          b.slope,
          il >= 0 ? b.ds[il] : undefined,
          from,
          to,
        );
        return;
    }
    const u = from === 0 && to === this.#n ? b.u : b.u.subarray(from, to);
    const s = this.#saturation.apply(u, p);
    b.s.set(s, from);
    const sl = new Float64Array(to - from);
    this.#slopeFn(u, s, p, sl);
    b.slope.set(sl, from);
    if (gradient && nFree > adFree) {
      const g = this.#saturation.gradient(u, p);
      for (let k = adFree; k < nFree; k++) {
        (b.ds[k] as Float64Array).set(g[(this.free[k] as FreeParam).name] as Float64Array, from);
      }
    }
  }
}
