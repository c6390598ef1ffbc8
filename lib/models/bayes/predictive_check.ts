/**
 * Prior and posterior predictive checks of the Bayesian MMM (Gelman et al., "Bayesian Data
 * Analysis", 3rd ed., §6.3; Gabry et al. 2019, "Visualization in Bayesian workflow").
 *
 * - {@link priorPredictive}, before any fit: what the priors alone imply for each channel's ROAS,
 *   media's share of the KPI, the probability that the baseline goes negative in some week
 *   (Meridian runs the same check before fitting), the KPI's weekly range and each lift test.
 *   Priors whose KPI band misses the data by orders of magnitude, or that make a negative
 *   baseline likely, are wrong before any data is seen.
 * - {@link posteriorPredictive}, after a fit: replicated KPI series (draw from the posterior, then
 *   the noise) against the actual one, with the share of weeks inside the 90% band, and each lift
 *   test's measured lift against the replicated measurement (the model's lift plus the test's
 *   own error). A lift test that disagrees with the rest of the data shows up there as a
 *   measured lift in the tail of its replicated distribution.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../../display/jupyter.ts";
import { quantileSorted } from "../../_internal/quantile.ts";
import { Table } from "../../display/table.ts";
import { Rng } from "../../rng.ts";
import type { Diagnostic, Interval90, LiftTest, MmmData, ModelSpec } from "../../types.ts";
import type { BayesOptions } from "./fit_bayes.ts";
import { prepare } from "./_prepare.ts";
import { MmmPosterior } from "./model.ts";
import type { BayesFit } from "./bayes_fit.ts";

/** A lift test against the model's replicated measurement. */
export interface LiftTestCheck {
  /** The test as given. */
  readonly test: LiftTest;
  /** The replicated measurement: the model's lift over the window plus the test's error. */
  readonly replicated: Interval90;
  /**
   * Two-sided tail probability of the measured lift among the replicated ones:
   * 2·min(P(rep ≤ measured), P(rep ≥ measured)). Below 0.05 the test and the model disagree.
   */
  readonly pValue: number;
  /**
   * The same against the model fitted without the lift tests (when given): whether the test
   * agrees with what the KPI data alone say. A test that the model absorbed (its own posterior
   * bends to it) can still disagree here.
   */
  readonly withoutTests?: { readonly replicated: Interval90; readonly pValue: number };
}

/** The result of {@link priorPredictive} or {@link posteriorPredictive}. */
export class PredictiveCheck {
  /** Which distribution the draws come from. */
  readonly kind: "prior" | "posterior";
  /** Dates of the rows. */
  readonly dates: readonly string[];
  /** KPI name. */
  readonly kpiName: string;
  /** The actual KPI. */
  readonly actual: Float64Array;
  /** 5%, 50% and 95% quantiles of the replicated KPI per row. */
  readonly band: {
    readonly lower: Float64Array;
    readonly median: Float64Array;
    readonly upper: Float64Array;
  };
  /** Share of rows whose actual KPI lies inside the 90% band. */
  readonly coverage: number;
  /** ROAS per channel (linear specification: contribution over the rows per unit of spend). */
  readonly roas: readonly { readonly channel: string; readonly roas: Interval90 }[];
  /** Media's share of the predicted KPI over the rows. */
  readonly mediaShare: Interval90;
  /** Probability that the baseline (KPI without paid media) is negative in at least one row. */
  readonly negativeBaseline: number;
  /** Each lift test against its replicated measurement. */
  readonly liftTests: readonly LiftTestCheck[];
  /** Number of draws. */
  readonly draws: number;

  /** Wraps computed checks; use {@link priorPredictive} or {@link posteriorPredictive}. */
  constructor(
    init: Pick<
      PredictiveCheck,
      | "kind"
      | "dates"
      | "kpiName"
      | "actual"
      | "band"
      | "coverage"
      | "roas"
      | "mediaShare"
      | "negativeBaseline"
      | "liftTests"
      | "draws"
    >,
  ) {
    this.kind = init.kind;
    this.dates = init.dates;
    this.kpiName = init.kpiName;
    this.actual = init.actual;
    this.band = init.band;
    this.coverage = init.coverage;
    this.roas = init.roas;
    this.mediaShare = init.mediaShare;
    this.negativeBaseline = init.negativeBaseline;
    this.liftTests = init.liftTests;
    this.draws = init.draws;
  }

  /** The per-channel and summary numbers as a table. */
  toTable(): Table {
    const f = (x: Interval90) => `${fmt(x.mean)} [${fmt(x.lower)}, ${fmt(x.upper)}]`;
    const rows: Record<string, string>[] = [
      ...this.roas.map((r) => ({ quantity: `ROAS ${r.channel}`, "mean [90%]": f(r.roas) })),
      { quantity: "media share of the KPI", "mean [90%]": f(this.mediaShare) },
      {
        quantity: "P(baseline < 0 in some week)",
        "mean [90%]": fmt(this.negativeBaseline),
      },
      {
        quantity: "weeks with the actual KPI inside the 90% band",
        "mean [90%]": `${Math.round(100 * this.coverage)}%`,
      },
      ...this.liftTests.flatMap((l) => {
        const name = `lift test ${l.test.channel} ${l.test.start}–${l.test.end}: measured ${
          fmt(l.test.lift)
        }`;
        const rows = [{ quantity: `${name}, p = ${fmt(l.pValue)}`, "mean [90%]": f(l.replicated) }];
        const w = l.withoutTests;
        if (w) {
          rows.push({
            quantity: `${name}, model without lift tests, p = ${fmt(w.pValue)}`,
            "mean [90%]": f(w.replicated),
          });
        }
        return rows;
      }),
    ];
    return new Table(rows, {
      caption: `${
        this.kind === "prior" ? "Prior" : "Posterior"
      } predictive check (${this.draws} draws)`,
    });
  }

  /**
   * A warning per lift test that disagrees with the model (two-sided p below 0.05), judged
   * against the fit without the lift tests when the check has it (what the KPI data alone say),
   * else against the fit itself.
   */
  diagnostics(): Diagnostic[] {
    return this.liftTests.flatMap((l): Diagnostic[] => {
      const ref = l.withoutTests ?? l, p = ref.pValue, r = ref.replicated;
      if (!(p < 0.05)) return [];
      const t = l.test;
      return [{
        level: "warning",
        code: "lift-test-conflict",
        subject: t.channel,
        message:
          `The lift test on "${t.channel}" (${t.start} to ${t.end}) measured ${
            fmt(t.lift)
          }, but the model${l.withoutTests ? " fitted without the lift tests" : ""} predicts ${
            fmt(r.mean)
          } [${fmt(r.lower)}, ${fmt(r.upper)}] for that window (p = ${fmt(p)}): the test and the ` +
          "KPI data disagree. Check the test's window, units and standard error before trusting " +
          "the calibrated ROAS",
      }];
    });
  }

  /** Plain JSON form (snake_case, as in `result.json`'s `posterior_predictive`). */
  toJSON(): unknown {
    const ci = (x: Interval90) => ({ mean: x.mean, ci90: [x.lower, x.upper] });
    return {
      kind: this.kind,
      draws: this.draws,
      coverage_90: this.coverage,
      roas: Object.fromEntries(this.roas.map((r) => [r.channel, ci(r.roas)])),
      media_share: ci(this.mediaShare),
      negative_baseline_probability: this.negativeBaseline,
      lift_tests: this.liftTests.map((l) => ({
        channel: l.test.channel,
        start: l.test.start,
        end: l.test.end,
        measured: l.test.lift,
        standard_error: l.test.standardError ?? null,
        replicated: ci(l.replicated),
        p_value: l.pValue,
        ...(l.withoutTests
          ? {
            without_lift_tests: {
              ...ci(l.withoutTests.replicated),
              p_value: l.withoutTests.pValue,
            },
          }
          : {}),
      })),
    };
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/** Up to `max` evenly spaced draw indices of `nDraws` (analysis/roas.ts picks draws the same way). */
function drawIndices(nDraws: number, max: number): number[] {
  const k = Math.min(nDraws, max);
  return Array.from({ length: k }, (_, i) => Math.floor((i * nDraws) / k));
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a >= 1000
    ? Math.round(v).toLocaleString("en-US")
    : a >= 1
    ? v.toFixed(2)
    : v.toPrecision(2);
}

function interval(values: number[]): Interval90 {
  const sorted = Float64Array.from(values).sort();
  let mean = 0;
  for (const v of values) mean += v / values.length;
  return { mean, lower: quantileSorted(sorted, 0.05), upper: quantileSorted(sorted, 0.95) };
}

/** Per-row 5/50/95% quantiles of replicated series (draw-major rows). */
function bands(reps: Float64Array[], n: number): PredictiveCheck["band"] {
  const lower = new Float64Array(n), median = new Float64Array(n), upper = new Float64Array(n);
  const col = new Float64Array(reps.length);
  for (let t = 0; t < n; t++) {
    reps.forEach((r, d) => (col[d] = r[t] as number));
    col.sort();
    lower[t] = quantileSorted(col, 0.05);
    median[t] = quantileSorted(col, 0.5);
    upper[t] = quantileSorted(col, 0.95);
  }
  return { lower, median, upper };
}

function coverageOf(actual: Float64Array, band: PredictiveCheck["band"]): number {
  let inside = 0;
  for (let t = 0; t < actual.length; t++) {
    const y = actual[t] as number;
    if (y >= (band.lower[t] as number) && y <= (band.upper[t] as number)) inside++;
  }
  return actual.length > 0 ? inside / actual.length : NaN;
}

function liftCheck(test: LiftTest, replicated: number[]): LiftTestCheck {
  let below = 0;
  for (const r of replicated) if (r <= test.lift) below++;
  const p = below / replicated.length;
  return { test, replicated: interval(replicated), pValue: Math.min(1, 2 * Math.min(p, 1 - p)) };
}

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

/** Options of {@link posteriorPredictive}. */
export interface PosteriorPredictiveOptions {
  /** Most posterior draws used (evenly spaced). @default 200 */
  readonly maxDraws?: number;
  /** Seed of the replicated noise. @default 0 */
  readonly seed?: number;
  /**
   * The same model fitted on the same rows without the lift tests: each test is also checked
   * against it (what the KPI data alone predict). @default undefined
   */
  readonly withoutLiftTests?: BayesFit;
}

/** Each lift test's replicated measurement under `fit`'s draws (lift over the window + error). */
function replicatedLifts(
  fit: BayesFit,
  tests: readonly LiftTest[],
  draws: readonly number[],
  rng: Rng,
): number[][] {
  const data = fit.data;
  const windows = tests.map((lt) => {
    const rows = data.dates.flatMap((d, t) => (d >= lt.start && d <= lt.end ? [t] : []));
    const zeroed: MmmData = {
      ...data,
      channels: data.channels.map((ch) => {
        if (ch.name !== lt.channel) return ch;
        const spend = Float64Array.from(ch.spend);
        for (const t of rows) spend[t] = 0;
        return { ...ch, spend };
      }),
    };
    return { rows, zeroed };
  });
  const out: number[][] = tests.map(() => []);
  for (const d of draws) {
    const fitted = fit.predict(data, { draw: d });
    windows.forEach((w, k) => {
      const cf = fit.predict(w.zeroed, { draw: d });
      let lift = 0;
      for (const t of w.rows) lift += (fitted[t] as number) - (cf[t] as number);
      out[k]!.push(lift + (tests[k]!.standardError ?? 0) * rng.normal());
    });
  }
  return out;
}

/**
 * The posterior predictive check of a fit (see the module doc): for evenly spaced draws, the KPI
 * series replicated with the draw's noise, ROAS and media share from its decomposition, the
 * baseline's sign, and each lift test's replicated measurement (the draw's lift over the window,
 * spend removed there, plus the test's standard error), also under a fit without the lift tests
 * when one is given.
 *
 * @param fit A Bayesian fit.
 * @param options Draws, seed and the fit without lift tests.
 * @returns The check.
 */
export function posteriorPredictive(
  fit: BayesFit,
  options: PosteriorPredictiveOptions = {},
): PredictiveCheck {
  const data = fit.data, n = data.dates.length;
  const draws = drawIndices(fit.nDraws, options.maxDraws ?? 200);
  const sigma = fit.draws("sigma");
  const rng = new Rng(options.seed ?? 0);
  const linear = fit.spec.specification === "linear";
  const spends = fit.spec.channels.map((c) => {
    let s = 0;
    for (const v of data.channels.find((d) => d.name === c.name)!.spend) s += v;
    return s;
  });
  const reps: Float64Array[] = [];
  const roas: number[][] = spends.map(() => []);
  const share: number[] = [];
  let negative = 0;
  for (const d of draws) {
    const dec = fit.decompose(data, { draw: d });
    const s = sigma[d] as number, rep = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const mu = dec.fitted[t] as number, e = s * rng.normal();
      rep[t] = linear ? mu + e : mu * Math.exp(e);
    }
    reps.push(rep);
    const baseline = new Float64Array(n);
    let media = 0, total = 0;
    for (const term of dec.terms) {
      let sum = 0;
      for (let t = 0; t < n; t++) sum += term.values[t] as number;
      total += sum;
      if (term.group === "media") {
        media += sum;
        const j = fit.spec.channels.findIndex((c) => c.name === term.name);
        roas[j]!.push(sum / (spends[j] as number));
      } else {
        for (let t = 0; t < n; t++) {
          baseline[t] = (baseline[t] as number) + (term.values[t] as number);
        }
      }
    }
    share.push(media / total);
    if (baseline.some((b) => b < 0)) negative++;
  }
  const lifts = replicatedLifts(fit, fit.liftTests, draws, rng);
  const other = options.withoutLiftTests;
  const alone = other
    ? replicatedLifts(other, fit.liftTests, drawIndices(other.nDraws, draws.length), rng)
    : undefined;
  const band = bands(reps, n);
  return new PredictiveCheck({
    kind: "posterior",
    dates: data.dates,
    kpiName: data.kpi.name,
    actual: data.kpi.values,
    band,
    coverage: coverageOf(data.kpi.values, band),
    roas: fit.spec.channels.map((c, j) => ({ channel: c.name, roas: interval(roas[j]!) })),
    mediaShare: interval(share),
    negativeBaseline: negative / draws.length,
    liftTests: fit.liftTests.map((lt, k) => {
      const check = liftCheck(lt, lifts[k]!);
      if (alone === undefined) return check;
      const w = liftCheck(lt, alone[k]!);
      return { ...check, withoutTests: { replicated: w.replicated, pValue: w.pValue } };
    }),
    draws: draws.length,
  });
}
