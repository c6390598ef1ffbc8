/**
 * What a simulation knows: per channel, the baseline terms, mediation effects and the whole
 * truth of a set, and how the channel and mediation truths follow from the simulated panel.
 *
 * @module
 */
import type { ModelSpec } from "../types.ts";
import {
  channelContribution,
  marginalRoas,
  type ResponsePoint,
  steadyStateResponse,
  type TrueChannel,
} from "./response.ts";
import { type GeoPanel, type MediaTruth, sum } from "./_panel.ts";
import type { SimChannelOptions } from "./simulate.ts";

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

/** Each channel's truth: totals, ROAS, marginal ROAS, contributions and response curve. */
export function channelTruths(
  channels: readonly SimChannelOptions[],
  spend: readonly Float64Array[],
  media: MediaTruth,
  geos: GeoPanel,
  national: boolean,
): ChannelTruth[] {
  const { scales, coefficients, contributions } = media;
  const { relative, effect, weeks } = geos, geoNames = geos.names, nGeo = geos.names.length;
  const meanSpendNational = spend.map((s) => sum(s) / weeks / nGeo);
  return channels.map((c, j) => {
    const s = spend[j] as Float64Array;
    const coefficient = coefficients[j] as number;
    const spec: TrueChannel = {
      name: c.name,
      adstock: c.adstock,
      saturation: c.saturation,
      scale: scales[j] as number,
      coefficient,
    };
    let mroasNumerator = 0;
    for (let g = 0; g < nGeo; g++) {
      const part = s.subarray(g * weeks, (g + 1) * weeks);
      mroasNumerator += marginalRoas(part, spec) * sum(part) * (relative[g] as number) *
        (effect[j]![g] as number);
    }
    const totalSpend = sum(s);
    const totalContribution = sum(contributions[j] as Float64Array);
    const m = meanSpendNational[j] as number;
    const truth: ChannelTruth = {
      ...spec,
      column: `${c.name}_spend`,
      totalSpend,
      totalContribution,
      roas: totalContribution / totalSpend,
      mroas: mroasNumerator / totalSpend,
      contribution: Array.from(contributions[j] as Float64Array),
      responseCurve: steadyStateResponse(
        Array.from({ length: 31 }, (_, i) => Math.round(i * m * 10) / 100),
        spec,
      ),
    };
    if (national) return truth;
    const geoCoefficients: Record<string, number> = {};
    geoNames.forEach((name, g) => {
      geoCoefficients[name] = coefficient * (relative[g] as number) * (effect[j]![g] as number);
    });
    return { ...truth, geoCoefficients };
  });
}

/** Direct, indirect and total effects of the channels that drive a mediator, if any. */
export function mediationTruth(
  channels: readonly SimChannelOptions[],
  spend: readonly Float64Array[],
  trueChannels: readonly ChannelTruth[],
  geos: GeoPanel,
): MediationTruth | undefined {
  const { relative, effect, weeks } = geos, nGeo = geos.names.length;
  const mediatorIndex = channels.findIndex((c) => c.drivenBy !== undefined);
  if (mediatorIndex < 0) return undefined;
  const mediator = channels[mediatorIndex] as SimChannelOptions;
  const drive = mediator.drivenBy as Readonly<Record<string, number>>;
  const mediatorTruth = trueChannels[mediatorIndex] as ChannelTruth;
  const effects = Object.entries(drive).map(([upstream, k]) => {
    const u = channels.findIndex((c) => c.name === upstream);
    const counterfactual = (spend[mediatorIndex] as Float64Array).map((v, i) =>
      Math.max(0, v - k * ((spend[u] as Float64Array)[i] as number))
    );
    let without = 0;
    for (let g = 0; g < nGeo; g++) {
      const part = channelContribution(
        counterfactual.subarray(g * weeks, (g + 1) * weeks),
        mediatorTruth,
      );
      without += sum(part) * (relative[g] as number) * (effect[mediatorIndex]![g] as number);
    }
    const direct = (trueChannels[u] as ChannelTruth).totalContribution;
    const indirect = mediatorTruth.totalContribution - without;
    const upstreamSpend = (trueChannels[u] as ChannelTruth).totalSpend;
    return {
      channel: upstream,
      direct,
      indirect,
      total: direct + indirect,
      directRoas: direct / upstreamSpend,
      totalRoas: (direct + indirect) / upstreamSpend,
    };
  });
  return { mediator: mediator.name, drive: { ...drive }, effects };
}
