/**
 * From the chains' draws to a {@link GeoBayesFit}: per draw, each geo's contribution, ROAS and
 * mROAS per channel (the kernels run at the draw's transforms, and again with 1.01× the spend);
 * the weekly decomposition as posterior means over at most 400 evenly spaced draws (a mean
 * needs far fewer draws than a 90% interval, and each costs a pass over every row), with each geo's level and trend at its
 * conditional posterior mean given the draw (they are integrated out of the sampled space, so
 * their conditional mean is the Rao–Blackwellised estimate); R-hat and bulk ESS over every
 * sampled parameter and each national ROAS.
 *
 * @module
 */
import { essBulk, rhat } from "../../bayes/convergence.ts";
import type { NutsChain } from "../../bayes/nuts.ts";
import type { Diagnostic } from "../../../types.ts";
import type { GeoPosterior } from "./geo_posterior.ts";
import type { GeoPrepared } from "./_geo_prepare.ts";
import type { GeoBayesFit, GeoBayesReturns } from "./geo_bayes_fit.ts";

/** Draws the weekly decomposition (a posterior mean) is averaged over, at most. */
const DECOMPOSITION_DRAWS = 400;

function interval(x: Float64Array): readonly [number, number] {
  const s = Float64Array.from(x).sort(),
    q = (p: number) => {
      const h = (s.length - 1) * p, lo = Math.floor(h);
      return (s[lo] as number) +
        (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] as number) - (s[lo] as number));
    };
  return [q(0.05), q(0.95)];
}

function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** Per draw: contribution and mROAS numerator of every (geo, channel), geo-major. */
interface DrawTotals {
  readonly contribution: Float64Array[];
  readonly marginal: Float64Array[];
}

/** Summarises the chains of a geo fit. */
export function summariseGeo(
  p: GeoPrepared,
  posterior: GeoPosterior,
  chains: readonly NutsChain[],
  maxTreeDepth: number,
): GeoBayesFit {
  const { panel, input, yScale } = p, G = input.geos, T = input.weeks, n = G * T;
  const M = input.channels.length, dim = posterior.dim, per = chains[0]!.draws.length / dim;
  const D = per * chains.length, pop = input.population;
  const totals: DrawTotals = {
    contribution: Array.from({ length: G * M }, () => new Float64Array(D)),
    marginal: Array.from({ length: G * M }, () => new Float64Array(D)),
  };
  const weekly = Array.from({ length: M }, () => new Float64Array(n));
  const baseline = new Float64Array(n),
    values = Array.from({ length: dim }, () => new Float64Array(D));
  const beta = new Float64Array(G * M);
  // the weekly decomposition from at most DECOMPOSITION_DRAWS evenly spaced draws
  const stride = Math.ceil(D / DECOMPOSITION_DRAWS), used = Math.ceil(D / stride);
  let sigma = 0;
  for (let d = 0; d < D; d++) {
    const c = chains[Math.floor(d / per)]!, i = d % per, weeklyDraw = d % stride === 0;
    const st = posterior.evaluate(c.draws.subarray(i * dim, (i + 1) * dim), weeklyDraw);
    for (let j = 0; j < dim; j++) values[j]![d] = st.values[j] as number;
    sigma += st.sigma / D;
    posterior.kernels.forEach((k, m) => {
      const bg = st.beta[m] as Float64Array, w = weekly[m] as Float64Array;
      for (let g = 0; g < G; g++) {
        const scale = yScale * (pop[g] as number) * (bg[g] as number);
        totals.contribution[g * M + m]![d] = scale * (k.geoSum[g] as number);
        beta[g * M + m] = (beta[g * M + m] as number) + yScale * (bg[g] as number) / D;
        if (!weeklyDraw) continue;
        for (let t = g * T; t < (g + 1) * T; t++) {
          w[t] = (w[t] as number) + scale * (k.s[t] as number) / used;
        }
      }
      k.forward(false, 1.01);
      for (let g = 0; g < G; g++) {
        const scale = yScale * (pop[g] as number) * (bg[g] as number);
        totals.marginal[g * M + m]![d] = scale * (k.geoSum[g] as number) -
          totals.contribution[g * M + m]![d]!;
      }
    });
    if (!weeklyDraw) continue;
    for (let g = 0; g < G; g++) {
      const scale = yScale * (pop[g] as number) / used;
      for (let t = 0, r = g * T; t < T; t++, r++) {
        const trend = input.geoTrend ? (input.geoTrend[t] as number) * (st.slope[g] as number) : 0;
        baseline[r] = (baseline[r] as number) +
          scale * ((st.level[g] as number) + trend + (st.shared[r] as number));
      }
    }
  }
  const spend = (g: number, m: number) => {
    let s = 0;
    const x = panel.spend[m] as Float64Array;
    for (let t = g * T; t < (g + 1) * T; t++) s += x[t] as number;
    return s;
  };
  const returns = (
    name: string,
    s: number,
    contribution: Float64Array,
    marginal: Float64Array,
  ): GeoBayesReturns => {
    const roas = contribution.map((v) => v / s), mroas = marginal.map((v) => v / (0.01 * s));
    return {
      name,
      spend: s,
      contribution: mean(contribution),
      roas: mean(roas),
      mroas: mean(mroas),
      roasCi90: interval(roas),
      mroasCi90: interval(mroas),
      contributionCi90: interval(contribution),
    };
  };
  const names = input.channels.map((c) => c.name);
  const geos = panel.geos.map((geo, g) => ({
    geo,
    population: pop[g] as number,
    channels: names.map((name, m) => ({
      ...returns(name, spend(g, m), totals.contribution[g * M + m]!, totals.marginal[g * M + m]!),
      coefficient: beta[g * M + m] as number,
    })),
    baseline: baseline.slice(g * T, (g + 1) * T),
    contributions: weekly.map((w) => w.slice(g * T, (g + 1) * T)),
  }));
  const sumOverGeos = (pick: (g: number) => Float64Array, len: number) => {
    const out = new Float64Array(len);
    for (let g = 0; g < G; g++) pick(g).forEach((v, i) => (out[i] = (out[i] as number) + v));
    return out;
  };
  const national = {
    baseline: sumOverGeos((g) => geos[g]!.baseline, T),
    contributions: names.map((_, m) => sumOverGeos((g) => geos[g]!.contributions[m]!, T)),
  };
  const nationalContribution = names.map((_, m) =>
    sumOverGeos((g) => totals.contribution[g * M + m]!, D)
  );
  const channels = names.map((name, m) => {
    let s = 0;
    for (let g = 0; g < G; g++) s += spend(g, m);
    return returns(
      name,
      s,
      nationalContribution[m]!,
      sumOverGeos((g) => totals.marginal[g * M + m]!, D),
    );
  });
  return assemble(p, posterior, chains, {
    values,
    channels,
    geos,
    national,
    nationalContribution,
    sigma,
    maxTreeDepth,
  });
}

function assemble(
  p: GeoPrepared,
  posterior: GeoPosterior,
  chains: readonly NutsChain[],
  s: {
    values: Float64Array[];
    channels: GeoBayesReturns[];
    geos: GeoBayesFit["geos"];
    national: GeoBayesFit["national"];
    nationalContribution: Float64Array[];
    sigma: number;
    maxTreeDepth: number;
  },
): GeoBayesFit {
  const per = s.values[0]!.length / chains.length, L = posterior.layout;
  const split = (x: Float64Array) => chains.map((_, k) => x.subarray(k * per, (k + 1) * per));
  const series = [...s.values, ...s.nationalContribution];
  let rhatMax = 0, essBulkMin = Infinity, divergences = 0, steps = 0, hits = 0;
  for (const x of series) {
    rhatMax = Math.max(rhatMax, rhat(split(x)));
    essBulkMin = Math.min(essBulkMin, essBulk(split(x)));
  }
  for (const c of chains) {
    for (let i = 0; i < per; i++) {
      divergences += c.divergent[i] as number;
      steps += c.leapfrogSteps[i] as number;
      if ((c.treeDepth[i] as number) >= s.maxTreeDepth) hits++;
    }
  }
  const warnings: Diagnostic[] = [];
  if (rhatMax > 1.01 || divergences > 0) {
    warnings.push({
      level: "warning",
      code: "geo-bayes-not-converged",
      message: `The sampler did not converge: largest R-hat ${
        rhatMax.toFixed(3)
      }, ${divergences} divergent draws`,
      hint: "run more warmup and draws, or raise targetAccept towards 0.95",
    });
  }
  const postMean = (i: number) => mean(s.values[i]!);
  const transforms = p.panel.channels.map((c, m) => {
    const free = posterior.kernels[m]!.free, s0 = L.freeStart[m] as number;
    const adstock = { kind: c.adstock.kind, params: { ...c.adstock.params } };
    const saturation = { kind: c.saturation.kind, params: { ...c.saturation.params } };
    free.forEach((
      f,
      j,
    ) => ((f.stage === "adstock" ? adstock : saturation).params[f.name] = postMean(s0 + j)));
    return { ...c, adstock, saturation };
  });
  const yScale = p.yScale;
  const controls = p.input.baseline.map((b, j) => ({
    name: b.name,
    coefficient: yScale * postMean(L.baselineStart + j) / (p.spread[j] as number),
  }));
  return {
    kind: "geo-bayes",
    dates: p.dates,
    channels: s.channels,
    geos: s.geos,
    national: s.national,
    transforms,
    populationScaling: p.populationScaling,
    controls,
    pooling: p.input.channels.map((c, m) => ({
      name: c.name,
      eta: postMean(L.eta[m] as number),
      etaCi90: interval(s.values[L.eta[m] as number]!),
    })),
    r2: r2(p, s.geos),
    sigma: yScale * s.sigma,
    convergence: { chains: chains.length, drawsPerChain: per, rhatMax, essBulkMin, divergences },
    sampler: {
      leapfrogPerDraw: steps / (per * chains.length),
      treeDepthHits: hits,
      stepSizes: chains.map((c) => c.stepSize),
      dim: posterior.dim,
    },
    warnings,
  };
}

/** R² of the posterior-mean fit (baseline + contributions) on the KPI per person. */
function r2(p: GeoPrepared, geos: GeoBayesFit["geos"]): number {
  const y = p.panel.y, T = p.input.weeks;
  let ym = 0;
  for (const v of y) ym += v / y.length;
  let rss = 0, tss = 0;
  geos.forEach((g, k) => {
    for (let t = 0; t < T; t++) {
      let f = g.baseline[t] as number;
      for (const c of g.contributions) f += c[t] as number;
      const v = y[k * T + t] as number;
      rss += (v - f / g.population) ** 2;
      tss += (v - ym) ** 2;
    }
  });
  return 1 - rss / tss;
}
