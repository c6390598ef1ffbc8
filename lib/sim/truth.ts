/**
 * What a simulation knows: per channel, the baseline terms, mediation effects and the whole
 * truth of a set.
 *
 * @module
 */
import type { ModelSpec } from "../types.ts";
import type { ResponsePoint, TrueChannel } from "./response.ts";

/** A channel's truth. */
export interface ChannelTruth extends TrueChannel {
  /** CSV spend column. */
  readonly column: string;
  /** Total spend over the period (all geos). */
  readonly totalSpend: number;
  /** Total media contribution over the period. */
  readonly totalContribution: number;
  /** totalContribution / totalSpend. */
  readonly roas: number;
  /** Marginal ROAS at the actual spend (see {@link marginalRoas}). */
  readonly mroas: number;
  /** Contribution per row (KPI units). */
  readonly contribution: readonly number[];
  /** Steady-state weekly response at 0, 0.1 … 3 × the mean weekly spend (national scale). */
  readonly responseCurve: readonly ResponsePoint[];
  /** Per-geo coefficients (geo panels only). */
  readonly geoCoefficients?: Readonly<Record<string, number>>;
}

/** A baseline component. */
export interface BaselineTerm {
  /** Term name: `intercept`, `trend`, `seasonality`, or a control. */
  readonly name: string;
  /** Coefficient (for controls and trend) in KPI units per unit. */
  readonly coefficient?: number;
  /** Contribution per row. */
  readonly values: readonly number[];
}

/** Upstream channel effects through a mediator. */
export interface MediationTruth {
  /** The mediator channel. */
  readonly mediator: string;
  /** Spend of the mediator added per unit of each upstream channel's spend. */
  readonly drive: Readonly<Record<string, number>>;
  /** Per upstream channel: direct, indirect and total effect (KPI units over the period). */
  readonly effects: readonly {
    readonly channel: string;
    readonly direct: number;
    readonly indirect: number;
    readonly total: number;
    readonly directRoas: number;
    readonly totalRoas: number;
  }[];
}

/** Everything the simulator knows. */
export interface SimulationTruth {
  /** Set name. */
  readonly name: string;
  /** Seed used. */
  readonly seed: number;
  /** KPI column. */
  readonly kpi: string;
  /** A ModelSpec with the true transforms and scales, ready to fit. */
  readonly spec: ModelSpec;
  /** Per channel truth. */
  readonly channels: readonly ChannelTruth[];
  /** Baseline per row: the sum of `baselineTerms`. */
  readonly baseline: readonly number[];
  /** Intercept, trend, seasonality and control contributions. */
  readonly baselineTerms: readonly BaselineTerm[];
  /** Noise per row (includes the rounding of the KPI to cents). */
  readonly noise: readonly number[];
  /** Standard deviation the noise was drawn with. */
  readonly noiseSd: number;
  /** Outlier shocks per row (0 in normal weeks). */
  readonly shocks: readonly number[];
  /** KPI per row: baseline + Σ contributions + noise + shocks, also for rows left empty. */
  readonly kpiValues: readonly number[];
  /** Rows whose KPI the CSV leaves empty. */
  readonly missingKpiRows: readonly number[];
  /** Mediation truth, when a channel is driven by others. */
  readonly mediation?: MediationTruth;
  /** Geo names, relative populations and effect multipliers (panels only). */
  readonly geos?: readonly {
    readonly name: string;
    readonly population: number;
    readonly relativePopulation: number;
    readonly effect: Readonly<Record<string, number>>;
  }[];
}
