/**
 * How the channel and mediation truths of a simulation follow from its simulated panel.
 *
 * @module
 */
import {
  channelContribution,
  marginalRoas,
  steadyStateResponse,
  type TrueChannel,
} from "./response.ts";
import { geoChannel, type GeoPanel, type MediaTruth, sum } from "./_panel.ts";
import type { SimChannelOptions } from "./simulate.ts";
import type { ChannelTruth, MediationTruth } from "./truth.ts";

/**
 * Each channel's truth: totals, ROAS, marginal ROAS, contributions and response curve. In a geo
 * panel `scale` and `coefficient` are per person, `geoCoefficients` are each geo's coefficient
 * per person (`coefficient · effect_g`), and the response curve is the nation's: a national
 * weekly spend shared out over the geos in proportion to their population.
 */
export function channelTruths(
  channels: readonly SimChannelOptions[],
  spend: readonly Float64Array[],
  media: MediaTruth,
  geos: GeoPanel,
  national: boolean,
): ChannelTruth[] {
  const { scales, coefficients, contributions } = media;
  const { population, effect, weeks } = geos, geoNames = geos.names, nGeo = geos.names.length;
  const people = sum(population);
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
    let mroasNumerator = 0, reach = 0;
    for (let g = 0; g < nGeo; g++) {
      const part = s.subarray(g * weeks, (g + 1) * weeks);
      mroasNumerator += marginalRoas(part, geoChannel(spec, geos, g, j)) * sum(part);
      reach += (population[g] as number) * (effect[j]![g] as number);
    }
    // spend x shared by population: u = (x / people) / scale in every geo, so the nation responds
    // as one channel of scale people·scale and coefficient β·Σ_g pop_g·effect_g
    const nation: TrueChannel = {
      ...spec,
      scale: spec.scale * people,
      coefficient: coefficient * reach,
    };
    const totalSpend = sum(s);
    const totalContribution = sum(contributions[j] as Float64Array);
    const m = totalSpend / weeks;
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
        nation,
      ),
    };
    if (national) return truth;
    const geoCoefficients: Record<string, number> = {};
    geoNames.forEach((name, g) => {
      geoCoefficients[name] = coefficient * (effect[j]![g] as number);
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
  const weeks = geos.weeks, nGeo = geos.names.length;
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
        geoChannel(mediatorTruth, geos, g, mediatorIndex),
      );
      without += sum(part);
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
