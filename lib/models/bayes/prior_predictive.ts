/**
 * The prior predictive check of the Bayesian MMM: what the priors alone imply for each channel's
 * ROAS, media's share of the KPI, the sign of the baseline, the KPI's weekly range and each lift
 * test, before any fit (see {@link PredictiveCheck}).
 *
 * @module
 */
import { Rng } from "../../rng.ts";
import type { MmmData, ModelSpec } from "../../types.ts";
import type { BayesOptions } from "./fit_bayes.ts";
import { prepare } from "./_prepare.ts";
import { MmmPosterior } from "./model.ts";
import { PredictiveCheck } from "./predictive_check.ts";
import { bands, coverageOf, interval, liftCheck } from "./_predictive_summary.ts";

/** Options of {@link priorPredictive}. */
export interface PriorPredictiveOptions extends BayesOptions {
  /** Draws from the priors. @default 500 */
  readonly samples?: number;
}

/**
 * What the priors imply before any fit (see the module doc): `samples` draws of every parameter
 * from its prior, each turned into a KPI series with noise, ROAS, media share and lift-test
 * measurements. Takes the same priors, fixed parameters and lift tests as `fitBayes`.
 *
 * @param data The data the model would be fitted on.
 * @param spec The model spec.
 * @param options `fitBayes` options (priors, fixed, liftTests, seed) and the number of draws.
 * @returns The check.
 *
 * @example The default priors put the baseline below zero rarely
 * ```ts
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import { priorPredictive } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const n = 52;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 100 + 50 * Math.sin(i));
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend }],
 *   kpi: { name: "sales", values: spend.map((s) => 1000 + s) },
 * };
 * const check = priorPredictive(data, defineModelSpec({ channels: ["tv"] }), { samples: 200 });
 * assert.ok(check.negativeBaseline < 0.1);
 * ```
 */
export function priorPredictive(
  data: MmmData,
  spec: ModelSpec,
  options: PriorPredictiveOptions = {},
): PredictiveCheck {
  const p = prepare(data, spec, options);
  const post = new MmmPosterior(p.job.input, p.job.posterior);
  const samples = options.samples ?? 500;
  const rng = new Rng(options.seed ?? 0);
  const n = data.dates.length, yScale = p.yScale, linear = p.basis.spec.specification === "linear";
  const spends = p.basis.spec.channels.map((c) => {
    let s = 0;
    for (const v of data.channels.find((d) => d.name === c.name)!.spend) s += v;
    return s;
  });
  const reps: Float64Array[] = [];
  const roas: number[][] = spends.map(() => []);
  const share: number[] = [], lifts: number[][] = p.liftTests.map(() => []);
  let negative = 0;
  for (let d = 0; d < samples; d++) {
    const theta = post.samplePrior(rng);
    const ev = post.evaluate(theta);
    const rep = new Float64Array(n);
    let total = 0;
    for (let t = 0; t < n; t++) {
      const e = (ev.mu[t] as number) + ev.sigma * rng.normal();
      rep[t] = linear ? yScale * e : Math.exp(yScale * e);
      total += linear ? ev.mu[t] as number : Math.exp(yScale * (ev.mu[t] as number));
    }
    reps.push(rep);
    let mediaTotal = 0;
    ev.channels.forEach((ch, c) => {
      let contribution = 0;
      for (let t = 0; t < n; t++) {
        const mu = ev.mu[t] as number, m = ch.beta * (ch.column[t] as number);
        contribution += linear ? m : Math.exp(yScale * mu) - Math.exp(yScale * (mu - m));
      }
      mediaTotal += contribution;
      roas[c]!.push(
        linear
          ? (yScale * contribution) / (spends[c] as number)
          : contribution / (spends[c] as number),
      );
    });
    share.push(mediaTotal / total);
    if (linear && ev.baseline.some((b) => b < 0)) negative++;
    const predicted = post.predictedLifts(theta);
    p.liftTests.forEach((lt, k) => {
      lifts[k]!.push(yScale * (predicted[k] as number) + (lt.standardError ?? 0) * rng.normal());
    });
  }
  const band = bands(reps, n);
  return new PredictiveCheck({
    kind: "prior",
    dates: data.dates,
    kpiName: data.kpi.name,
    actual: data.kpi.values,
    band,
    coverage: coverageOf(data.kpi.values, band),
    roas: p.basis.spec.channels.map((c, j) => ({ channel: c.name, roas: interval(roas[j]!) })),
    mediaShare: interval(share),
    negativeBaseline: negative / samples,
    liftTests: p.liftTests.map((lt, k) => liftCheck(lt, lifts[k]!)),
    draws: samples,
  });
}
