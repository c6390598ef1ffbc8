/**
 * A check before sampling: the posterior's modes from several starting points (L-BFGS from the
 * priors' centre and from draws of the priors), and the Laplace approximation at the best one.
 *
 * - **More than one mode.** Two modes whose log densities are within {@link MODE_GAP} of the
 *   best, that give a channel ROAS (or coefficient) values more than 25% apart, and between which
 *   the density dips (the midpoint is at least 1 below both; a flat ridge is not two modes): the
 *   data support two stories about that channel, chains may settle on different ones (R-hat then
 *   flags it) and intervals can hide the choice.
 * - **Not identified.** A channel whose log ROAS (or log coefficient) has a Laplace posterior
 *   standard deviation above 80% of its prior's: the data say little about it, and its estimate
 *   restates the prior.
 *
 * Warnings name the channel and say what to do. `fitBayes` runs this check and adds its warnings
 * to the fit's diagnostics.
 *
 * @module
 */
import { Rng } from "../../rng.ts";
import type { Diagnostic } from "../../types.ts";
import { maximizeLogDensity } from "./_lbfgs.ts";
import { laplaceCovariance } from "./_chain_start.ts";
import { MmmPosterior } from "./model.ts";
import type { BayesOptions } from "./fit_bayes.ts";
import { prepare } from "./_prepare.ts";
import type { MmmData, ModelSpec } from "../../types.ts";
import type { Prior } from "./priors.ts";

/** Modes whose log densities differ by more than this are not competing explanations. */
export const MODE_GAP = 3;

/** One mode found from one start. */
export interface PosteriorMode {
  /** log posterior density at the mode (unconstrained coordinates, up to a constant). */
  readonly logDensity: number;
  /** Each channel's ROAS at the mode (its coefficient for channels with a coefficient prior). */
  readonly channels: readonly { readonly channel: string; readonly value: number }[];
}

/** The result of {@link checkPosterior}. */
export interface PreFitCheck {
  /** The modes found, best first (one per start). */
  readonly modes: readonly PosteriorMode[];
  /**
   * Per channel at the best mode: the Laplace posterior sd of its log ROAS (or log coefficient)
   * over its prior's sd (1 = the data taught nothing); undefined when the Hessian was not usable.
   */
  readonly contraction: readonly {
    readonly channel: string;
    readonly sdRatio: number | undefined;
  }[];
  /** Warnings: multimodality and channels the data do not identify. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of {@link checkPosterior}. */
export interface PreFitCheckOptions {
  /** Starting points (the centre, then draws from the priors). @default 6 */
  readonly starts?: number;
  /** Seed of the prior draws. @default 0 */
  readonly seed?: number;
}

/** Standard deviation of log X under X's prior (halfnormal: π/√8 for log|N(0, σ²)|). */
function logSd(prior: Prior): number | undefined {
  if (prior.dist === "lognormal") return prior.sigma;
  if (prior.dist === "halfnormal") return Math.PI / Math.sqrt(8);
  return undefined;
}

/**
 * Runs the pre-fit check on a posterior (see the module doc).
 *
 * @param posterior The posterior, as `fitBayes` builds it.
 * @param options Number of starts and seed.
 * @returns Modes, contraction per channel and the warnings.
 */
export function checkPosterior(
  posterior: MmmPosterior,
  options: PreFitCheckOptions = {},
): PreFitCheck {
  const starts = options.starts ?? 6, rng = new Rng(options.seed ?? 0);
  const media = posterior.parameters.flatMap((p, i) => (p.group === "media" ? [{ p, i }] : []));
  const found: { theta: Float64Array; mode: PosteriorMode }[] = [];
  for (let s = 0; s < starts; s++) {
    const start = s === 0 ? posterior.centralPoint() : posterior.samplePrior(rng);
    const r = maximizeLogDensity(posterior, start, {
      maxIterations: 3000,
      functionTolerance: 1e-12,
      gradientTolerance: 1e-5,
    });
    if (!Number.isFinite(r.logDensity)) continue;
    const ev = posterior.evaluate(r.theta);
    found.push({
      theta: r.theta,
      mode: {
        logDensity: r.logDensity,
        channels: media.map(({ p }, c) => ({
          channel: p.name,
          value: ev.channels[c]!.roas ?? ev.channels[c]!.beta,
        })),
      },
    });
  }
  found.sort((a, b) => b.mode.logDensity - a.mode.logDensity);
  const diagnostics: Diagnostic[] = [];
  const best = found[0];
  if (best === undefined) {
    return { modes: [], contraction: [], diagnostics };
  }
  const what = (p: typeof media[number]["p"]) => (p.mediaPrior === "roas" ? "ROAS" : "coefficient");
  const rivals = found.filter((f) => best.mode.logDensity - f.mode.logDensity <= MODE_GAP);
  const grad = new Float64Array(posterior.dim);
  const separated = (a: typeof found[number], b: typeof found[number]) => {
    const mid = a.theta.map((v, i) => 0.5 * (v + (b.theta[i] as number)));
    const lp = posterior.logDensityAndGradient(mid, grad);
    return Math.min(a.mode.logDensity, b.mode.logDensity) - lp > 1;
  };
  media.forEach(({ p }, c) => {
    let lo = Infinity, hi = -Infinity;
    for (let a = 0; a < rivals.length; a++) {
      for (let b = a + 1; b < rivals.length; b++) {
        const x = rivals[a]!, y = rivals[b]!;
        const u = x.mode.channels[c]!.value, v = y.mode.channels[c]!.value;
        if (Math.max(u, v) > 1.25 * Math.min(u, v) && separated(x, y)) {
          lo = Math.min(lo, u, v);
          hi = Math.max(hi, u, v);
        }
      }
    }
    if (hi > lo) {
      diagnostics.push({
        level: "warning",
        code: "bayes-multimodal",
        subject: p.name,
        message:
          `The posterior has more than one mode for "${p.name}": its ${what(p)} is ${
            lo.toPrecision(3)
          } at one and ${
            hi.toPrecision(3)
          } at another, and the data fit both about equally well. ` +
          "Chains may disagree and the interval mixes both stories; a lift test on the channel " +
          "or a tighter prior on its transforms would decide between them",
      });
    }
  });
  const cov = laplaceCovariance(posterior, best.theta), dim = posterior.dim;
  const contraction = media.map(({ p, i }) => {
    const prior = logSd(p.prior), v = cov?.[i * dim + i];
    const sdRatio = prior !== undefined && v !== undefined && v > 0
      ? Math.sqrt(v) / prior
      : undefined;
    if (sdRatio !== undefined && sdRatio > 0.8) {
      diagnostics.push({
        level: "warning",
        code: "bayes-not-identified",
        subject: p.name,
        message:
          `The data say little about "${p.name}": the uncertainty of its ${what(p)} is ${
            Math.round(100 * sdRatio)
          }% of the prior's, so its estimate mostly restates the prior. Spend that varies more ` +
          "(on/off weeks, geo tests) or a lift test would pin it down",
      });
    }
    return { channel: p.name, sdRatio };
  });
  return { modes: found.map((f) => f.mode), contraction, diagnostics };
}

/**
 * The pre-fit check of the model `fitBayes` would fit (same priors, fixed parameters and lift
 * tests), without sampling: see the module doc.
 *
 * @param data Training data.
 * @param spec The model spec.
 * @param options `fitBayes` options; `starts` sets the number of starting points.
 * @returns Modes, contraction per channel and the warnings.
 *
 * @example A channel that never varies is not identified
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import { preFitCheck } from "mixlab/models/bayes";
 * import assert from "node:assert/strict";
 * const n = 60;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const tv = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 0 : 100));
 * const radio = new Float64Array(n).fill(50);
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   channels: [{ name: "tv", spend: tv }, { name: "radio", spend: radio }],
 *   kpi: { name: "sales", values: tv.map((x, i) => 2000 + 3 * x + 20 * Math.sin(i)) },
 * };
 * const spec = defineModelSpec({ channels: ["tv", "radio"], baseline: { yearlyFourier: 0 } });
 * const check = preFitCheck(data, spec, { starts: 2 });
 * assert.ok(check.diagnostics.some((d) => d.code === "bayes-not-identified" && d.subject === "radio"));
 * ```
 */
export function preFitCheck(
  data: MmmData,
  spec: ModelSpec,
  options: BayesOptions & PreFitCheckOptions = {},
): PreFitCheck {
  const p = prepare(data, spec, options);
  return checkPosterior(new MmmPosterior(p.job.input, p.job.posterior), {
    ...(options.starts !== undefined ? { starts: options.starts } : {}),
    seed: options.seed ?? 0,
  });
}
