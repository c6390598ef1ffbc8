/**
 * Adstock decay curves: how a unit of spend in one week is spread over the following weeks by a
 * channel's carryover transform, with its half-life and the immediate vs carryover split.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { Table } from "../display/table.ts";
import { applyAdstock } from "../transforms/apply_channel.ts";
import type { FittedModel, TransformSpec } from "../types.ts";

/** One channel's carryover profile. */
export interface AdstockCurve {
  /** Channel name. */
  readonly channel: string;
  /** The adstock transform. */
  readonly adstock: TransformSpec;
  /** Weight of week `l` after a unit of spend in week 0, l = 0 … maxLag. */
  readonly weights: Float64Array;
  /** Σ weights: the total adstocked units per unit of spend (Robyn's inflation). */
  readonly total: number;
  /** Share of the total in the week of spend (Robyn's immediate share). */
  readonly immediateShare: number;
  /**
   * Weeks from the peak weight until the weight has fallen to half the peak, interpolated
   * linearly between lags (geometric decay θ: about ln 0.5 / ln θ); `Infinity` when it does not
   * fall to half within `maxLag`.
   */
  readonly halfLife: number;
  /**
   * Central 90% posterior intervals of the adstock's parameters (Bayesian fits, whose `adstock`
   * holds the posterior means).
   */
  readonly intervals?: Readonly<Record<string, readonly [number, number]>>;
}

/** Options of {@link adstockCurves}. */
export interface AdstockCurvesOptions {
  /** Last lag to show. @default 26 */
  readonly maxLag?: number;
}

/**
 * The carryover profile of a single adstock transform.
 *
 * @example Geometric decay 0.5 halves every week
 * ```ts
 * import { adstockCurve } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const c = adstockCurve("tv", { kind: "geometric", params: { decay: 0.5 } }, { maxLag: 3 });
 * assert.deepEqual(Array.from(c.weights), [1, 0.5, 0.25, 0.125]);
 * assert.equal(c.halfLife, 1);
 * assert.equal(c.immediateShare, 1 / 1.875);
 * ```
 */
export function adstockCurve(
  channel: string,
  adstock: TransformSpec,
  options: AdstockCurvesOptions = {},
): AdstockCurve {
  const maxLag = options.maxLag ?? 26;
  const impulse = new Float64Array(maxLag + 1);
  impulse[0] = 1;
  const weights = applyAdstock(impulse, adstock);
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    channel,
    adstock,
    weights,
    total,
    immediateShare: total === 0 ? 0 : (weights[0] as number) / total,
    halfLife: halfLifeOf(weights),
  };
}

function halfLifeOf(weights: Float64Array): number {
  let peak = 0;
  for (let l = 1; l < weights.length; l++) {
    if ((weights[l] as number) > (weights[peak] as number)) peak = l;
  }
  const half = (weights[peak] as number) / 2;
  for (let l = peak + 1; l < weights.length; l++) {
    const w = weights[l] as number;
    if (w <= half) {
      const prev = weights[l - 1] as number;
      return l - 1 + (prev - half) / (prev - w) - peak;
    }
  }
  return Infinity;
}

/** Carryover profiles of every channel; shows itself as a table. */
export class AdstockCurves {
  /** One profile per channel. */
  readonly curves: readonly AdstockCurve[];

  /** Wraps profiles; prefer {@link adstockCurves}. */
  constructor(curves: readonly AdstockCurve[]) {
    this.curves = curves;
  }

  /** Profiles as a table. */
  toTable(): Table {
    return new Table(
      this.curves.map((c) => ({
        channel: c.channel,
        adstock: `${c.adstock.kind}(${
          Object.entries(c.adstock.params).map(([k, v]) => {
            const ci = c.intervals?.[k];
            return `${k}=${+v.toFixed(3)}${
              ci ? ` [${+ci[0].toFixed(3)}, ${+ci[1].toFixed(3)}]` : ""
            }`;
          }).join(", ")
        })`,
        "half-life (weeks)": c.halfLife,
        "carryover multiplier": c.total,
        "immediate share": c.immediateShare,
        "carryover share": 1 - c.immediateShare,
      })),
      { caption: "Carryover (adstock) per channel" },
    );
  }

  /** Plain JSON form. */
  toJSON(): unknown {
    return this.curves.map((c) => ({ ...c, weights: Array.from(c.weights) }));
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * The carryover profile of every channel of a fitted model, at its fitted adstock parameters
 * (posterior means for a Bayesian fit, with their 90% intervals).
 */
export function adstockCurves(fit: FittedModel, options: AdstockCurvesOptions = {}): AdstockCurves {
  const fitted = fit.transformParams();
  return new AdstockCurves(fit.spec.channels.map((c) => {
    const curve = adstockCurve(c.name, c.adstock, options);
    const ci = fitted.filter((p) => p.channel === c.name && p.stage === "adstock" && p.interval);
    return ci.length === 0 ? curve : {
      ...curve,
      intervals: Object.fromEntries(ci.map((p) => [p.name, p.interval as [number, number]])),
    };
  }));
}
