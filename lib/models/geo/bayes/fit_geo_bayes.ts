/**
 * Fitting the hierarchical Bayesian geo model (the model is in `geo_posterior.ts`) by the
 * national model's NUTS: each chain starts at the posterior mode found by L-BFGS with the
 * Laplace covariance there as its first metric, adapts step size and metric as Stan does (each
 * window's covariance estimate shrunk towards the Laplace one, which counts as `dim` draws: the
 * first windows hold fewer draws than the model has coordinates), and runs in a Web Worker; chain k is seeded `seed + k`, so the same seed gives the same draws
 * however many workers run them.
 *
 * @module
 */
import type { MmmData } from "../../../types.ts";
import type { Prior } from "../../bayes/priors.ts";
import type { SamplingProgress } from "../../bayes/sampling_progress.ts";
import { ProgressAggregator } from "../../bayes/_progress_aggregator.ts";
import { runChainsInWorkers } from "../../bayes/_worker_pool.ts";
import type { GeoChannelSpec } from "../panel_media.ts";
import { GeoPosterior } from "./geo_posterior.ts";
import type { GeoBayesFit } from "./geo_bayes_fit.ts";
import { prepareGeo } from "./_geo_prepare.ts";
import type { GeoLiftTest } from "./geo_lift_test.ts";
import { summariseGeo } from "./_geo_summary.ts";
import type { GeoChainJob } from "./_geo_chain.ts";

/** Options of {@link fitGeoBayes}. */
export interface GeoBayesOptions {
  /** Number of chains; chain k is seeded `seed + k`. @default 4 */
  readonly chains?: number;
  /** Warmup iterations per chain. @default 1000 */
  readonly warmup?: number;
  /** Kept draws per chain. @default 1000 */
  readonly draws?: number;
  /** Seed of chain 0. @default 0 */
  readonly seed?: number;
  /** Web Workers running the chains. @default the smaller of the chains and the cores */
  readonly workers?: number;
  /** NUTS maximum tree depth. @default 10 */
  readonly maxTreeDepth?: number;
  /**
   * NUTS target acceptance statistic; the per-geo effects' non-centred geometry (ζ tight where
   * η is large) needs smaller steps than the national model. @default 0.9
   */
  readonly targetAccept?: number;
  /**
   * NUTS metric: `"dense"` adapts the full covariance (O(dim²) per leapfrog step), `"diag"` the
   * variances. @default "dense" up to 400 coordinates, else "diag"
   */
  readonly metric?: "diag" | "dense";
  /** Where chains start: the mode with the Laplace metric, or Stan's random start. @default "mode" */
  readonly init?: "mode" | "random";
  /** Divide KPI and spend by each geo's population. @default true when the data has population */
  readonly populationScaling?: boolean;
  /** A trend per geo (partially pooled around the shared trend). @default false */
  readonly geoTrends?: boolean;
  /** Yearly Fourier pairs of the shared seasonality. @default 2 */
  readonly yearlyFourier?: number;
  /** Prior overrides by key (see `GeoPosteriorOptions.priors`). @default {} */
  readonly priors?: Readonly<Record<string, Prior>>;
  /** Transform parameters held at the spec's values, as `"<channel>.<param>"`. @default [] */
  readonly fixed?: readonly string[];
  /** Hold every transform parameter at the spec's values. @default false */
  readonly fixTransforms?: boolean;
  /** Lift tests, each over its geos (default every geo) and weeks. @default [] */
  readonly liftTests?: readonly GeoLiftTest[];
  /** Progress while sampling (see `sampling_progress.ts`). @default undefined */
  readonly onProgress?: (progress: SamplingProgress) => void;
}

/**
 * Fits the hierarchical Bayesian geo model on a balanced panel (geo-major rows, each geo every
 * week), with each channel's transforms shared by every geo; the transforms' parameters are
 * sampled from the spec's values unless fixed.
 *
 * @param data The panel (with a geo column, and a population column for population scaling).
 * @param channels Each channel's adstock and saturation (starting or fixed values).
 * @param options Sampler settings, priors, lift tests and model options.
 * @returns National and per-geo ROAS, mROAS and contributions with 90% intervals, the weekly
 * decompositions, each geo's coefficients, the pooling per channel and the convergence.
 * @throws {ConfigError} For a missing geo or population column, an unknown channel, an invalid
 * prior or a lift test naming an unknown geo or channel.
 * @throws {MmmDataError} For an unbalanced panel or a geo without a positive population (both
 * naming the geo), or a channel without spend.
 *
 * @example Three geos, one channel with known transforms: a short fit
 * ```ts
 * import { fitGeoBayes } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const weeks = 30, geos = ["a", "b", "c"], pop = [1, 2, 3];
 * const dates = Array.from({ length: weeks }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: 90 }, (_, i) => pop[Math.floor(i / weeks)]! * (1 + (i % 4)));
 * const kpi = spend.map((s, i) => pop[Math.floor(i / weeks)]! * (10 + Math.sin(i)) + s);
 * const data = {
 *   dates: geos.flatMap(() => dates), kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: kpi }, channels: [{ name: "tv", spend }], controls: [],
 *   geo: { name: "geo", values: geos.flatMap((g) => Array(weeks).fill(g)) },
 *   population: { name: "pop", values: Float64Array.from(kpi, (_, i) => pop[Math.floor(i / weeks)]!) },
 * };
 * const fit = await fitGeoBayes(data, [{
 *   name: "tv",
 *   adstock: { kind: "geometric", params: { decay: 0 } },
 *   saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
 * }], { chains: 2, warmup: 100, draws: 50, fixTransforms: true, yearlyFourier: 0, workers: 1 });
 * assert.equal(fit.geos.length, 3);
 * assert.ok(fit.channels[0]!.roasCi90[0] <= fit.channels[0]!.roas);
 * ```
 */
export async function fitGeoBayes(
  data: MmmData,
  channels: readonly GeoChannelSpec[],
  options: GeoBayesOptions = {},
): Promise<GeoBayesFit> {
  const p = prepareGeo(data, channels, options);
  const posteriorOptions = {
    ...(options.priors ? { priors: options.priors } : {}),
    ...(options.fixTransforms ? { fixTransforms: true } : {}),
  };
  const posterior = new GeoPosterior(p.input, posteriorOptions);
  const nChains = options.chains ?? 4,
    warmup = options.warmup ?? 1000,
    draws = options.draws ?? 1000;
  const maxTreeDepth = options.maxTreeDepth ?? 10;
  const job: GeoChainJob = {
    input: p.input,
    posterior: posteriorOptions,
    init: options.init ?? "mode",
    nuts: {
      chains: 1,
      warmup,
      draws,
      maxTreeDepth,
      targetAccept: options.targetAccept ?? 0.9,
      metric: options.metric ?? (posterior.dim <= 400 ? "dense" : "diag"),
      // the Laplace metric counts as dim draws in each window's estimate
      metricPriorWeight: posterior.dim,
      // From the mode, keep the Laplace metric for the warmup's middle where it fits (short
      // trajectories in the initial buffer), else Stan's doubling windows: bench panel, one
      // chain of 1000 + 1000, seeds 1–3: 49.7 → 37.9 gradients per warmup iteration, ESS per
      // gradient +10%; the bundled geo set stays on Stan's windows (bench/README.md).
      metricWindow: "auto",
    },
  };
  const workers = options.workers ??
    Math.max(1, Math.min(nChains, globalThis.navigator?.hardwareConcurrency ?? 1));
  const chains = await runChainsInWorkers(job, {
    worker: new URL("./_geo_chain_worker.ts", import.meta.url),
    chains: nChains,
    seed: options.seed ?? 0,
    perChain: warmup + draws,
    dim: posterior.dim,
    workers,
    progress: options.onProgress
      ? new ProgressAggregator(nChains, warmup + draws, options.onProgress)
      : undefined,
  });
  return summariseGeo(p, posterior, chains, maxTreeDepth);
}
