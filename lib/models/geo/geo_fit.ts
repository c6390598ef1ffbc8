/**
 * The result every geo model returns (`fitGeoLinear`, `fitGeoBayes`), so the CLI, result.json,
 * the report, the charts, the optimizer and the forecast read one shape whichever model made it.
 *
 * Units: spend and contributions are in the data's units (KPI units, summed over the geo's
 * weeks, or over every geo for the nation); ROAS = contribution ÷ spend; mROAS is the KPI return
 * of the next unit of money spent in the same weekly pattern, `[Σ_t f(1.01·spend) − Σ_t
 * f(spend)] ÷ (0.01 · Σ_t spend)` (Meridian's mROI with a 1% step, anchors.md §3d). A geo's
 * response to its own spend is `population_g · coefficient_{g,c} · media(spend ÷ population_g)`,
 * with `media` the channel's transforms (`transforms`, which carry the shared `scale`), so a
 * response curve per geo needs only this result and the geo's spend pattern.
 *
 * Intervals are 90% and optional: a model that cannot give one (ridge, a sign constraint that
 * binds) leaves them out rather than reporting a false one.
 *
 * @module
 */
import type { ChannelSpec, Diagnostic } from "../../types.ts";

/** Which geo model made the fit. */
export type GeoFitKind = "geo-ols" | "geo-ridge" | "geo-bayes";

/** A 90% interval `[lower, upper]`. */
export type Ci90 = readonly [number, number];

/** One channel's returns, nationally or in one geo. */
export interface GeoChannelReturns {
  /** Channel name. */
  readonly name: string;
  /** Spend over the fitted weeks. */
  readonly spend: number;
  /** Contribution over the fitted weeks (KPI units). */
  readonly contribution: number;
  /** Contribution ÷ spend. */
  readonly roas: number;
  /** Marginal ROAS at the spend as observed (1% step). */
  readonly mroas: number;
  /** 90% interval of the ROAS, when the model gives one. */
  readonly roasCi90?: Ci90;
  /** 90% interval of the mROAS, when the model gives one. */
  readonly mroasCi90?: Ci90;
  /** 90% interval of the contribution, when the model gives one. */
  readonly contributionCi90?: Ci90;
}

/** One channel in one geo: its returns and the coefficient the geo's response uses. */
export interface GeoChannelInGeo extends GeoChannelReturns {
  /** Coefficient on the channel's media column in this geo (per person with population scaling; posterior mean for geo-bayes). */
  readonly coefficient: number;
}

/** A weekly decomposition in KPI units: the baseline and each channel's contribution. */
export interface GeoDecomposition {
  /** Everything but paid media, per week. */
  readonly baseline: Float64Array;
  /** Per channel (in the fit's channel order), per week. */
  readonly contributions: readonly Float64Array[];
}

/** One geo's estimates. */
export interface GeoResult extends GeoDecomposition {
  /** Geo name. */
  readonly geo: string;
  /** Population (1 without population scaling). */
  readonly population: number;
  /** Per channel, in the fit's channel order. */
  readonly channels: readonly GeoChannelInGeo[];
}

/**
 * A fitted geo model.
 *
 * @example Reading a fit: national ROAS and the geo with the highest ROAS for the first channel
 * ```ts
 * import type { GeoFit } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const week = (v: number) => new Float64Array([v]);
 * const tv = { name: "tv", spend: 10, contribution: 20, roas: 2, mroas: 1, coefficient: 4 };
 * const fit: GeoFit = {
 *   kind: "geo-ols",
 *   dates: ["2024-01-01"],
 *   channels: [{ name: "tv", spend: 20, contribution: 50, roas: 2.5, mroas: 1.2 }],
 *   geos: [
 *     { geo: "a", population: 1, channels: [tv], baseline: week(5), contributions: [week(20)] },
 *     { geo: "b", population: 1, channels: [{ ...tv, contribution: 30, roas: 3 }], baseline: week(5), contributions: [week(30)] },
 *   ],
 *   national: { baseline: week(10), contributions: [week(50)] },
 *   transforms: [{ name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } }, scale: 10 }],
 *   populationScaling: false,
 *   r2: 0.9,
 *   sigma: 1,
 *   warnings: [],
 * };
 * const best = [...fit.geos].sort((x, y) => y.channels[0]!.roas - x.channels[0]!.roas)[0]!;
 * assert.equal(best.geo, "b");
 * assert.equal(fit.channels[0]!.roas, 2.5);
 * ```
 */
export interface GeoFit {
  /** Which model made it. */
  readonly kind: GeoFitKind;
  /** The fitted weeks (each geo has the same). */
  readonly dates: readonly string[];
  /** National returns per channel: every geo summed. */
  readonly channels: readonly GeoChannelReturns[];
  /** Per geo, in the data's geo order. */
  readonly geos: readonly GeoResult[];
  /** The national weekly decomposition: every geo summed. */
  readonly national: GeoDecomposition;
  /**
   * Each channel's transforms and `scale` (mean spend per person with population scaling, per
   * row without), shared by every geo (the unit-gain convention of `saturationInput`, lib/transforms/apply_channel.ts: `u = adstock(spend / scale) / gain`).
   */
  readonly transforms: readonly ChannelSpec[];
  /** Whether KPI and spend were divided by population (the coefficients are then per person). */
  readonly populationScaling: boolean;
  /** R² of the model on the KPI it fitted (per person with population scaling). */
  readonly r2: number;
  /** Residual standard deviation (per person with population scaling; posterior mean for geo-bayes). */
  readonly sigma: number;
  /** Guardrail and model warnings an analyst must see. */
  readonly warnings: readonly Diagnostic[];
}
