/**
 * The result of a Bayesian MMM fit: posterior draws in reporting units, their summary (mean,
 * sd, central interval, R-hat, bulk and tail ESS), convergence diagnostics, and the
 * {@link FittedModel} methods, which take a posterior `{ draw }`. It saves itself with `toJSON`
 * (format `"mixlab.bayes-model"`) and {@link loadBayesModel} rebuilds it without resampling.
 *
 * Reporting units: `intercept` is the KPI level with every regressor at zero; a channel's
 * coefficient is its contribution per row at full saturation (KPI units); a baseline
 * coefficient is per unit of its regressor; `sigma` is the residual sd in KPI units; transform
 * parameters are in the spec's units. For the log-log specification the same hold on the log
 * KPI scale: a channel's coefficient is the elasticity of the KPI to log1p of its adstocked,
 * scaled spend.
 *
 * @module
 */
import { ConfigError } from "../../errors.ts";
import type {
  ChannelSpec,
  Convergence,
  Decomposition,
  Diagnostic,
  FittedModel,
  FittedTransformParam,
  LiftTest,
  MmmData,
  ModelSpec,
  ParameterRow,
  PredictOptions,
  Term,
  TermGroup,
} from "../../types.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../../display/jupyter.ts";
import { Table } from "../../display/table.ts";
import {
  type DesignBasis,
  designBasis,
  type DesignColumn,
  designMatrix,
  mediaColumn,
} from "../design_matrix.ts";
import { type ModelSpecJson, specFromJSON, specToJSON } from "../model_spec.ts";
import { dataFromJSON, dataToJSON } from "../data_json.ts";
import type { PosteriorParameterGroup } from "./model.ts";
import type { Prior } from "./priors.ts";
import { essBulk, essTail, rhat } from "./convergence.ts";
import { BaselineMemo, MediaColumnMemo } from "./_prediction_memo.ts";
import { quantileSorted } from "../../_internal/quantile.ts";

/** Most draws averaged for a posterior mean prediction. */
const MEAN_DRAWS = 64;

/** One row of the posterior summary, in reporting units (see the module doc). */
export interface PosteriorSummaryRow {
  /** Parameter name. */
  readonly name: string;
  /** Its role. */
  readonly group: PosteriorParameterGroup;
  /** Posterior mean. */
  readonly mean: number;
  /** Posterior standard deviation. */
  readonly sd: number;
  /** Lower end of the central interval. */
  readonly lower: number;
  /** Posterior median. */
  readonly median: number;
  /** Upper end of the central interval. */
  readonly upper: number;
  /** Rank-normalised split R-hat. */
  readonly rhat: number;
  /** Bulk effective sample size. */
  readonly essBulk: number;
  /** Tail effective sample size. */
  readonly essTail: number;
}

/** Sampler statistics of a fit, summed or reduced over chains. */
export interface SamplerSummary {
  /** Chains run. */
  readonly chains: number;
  /** Kept draws per chain. */
  readonly drawsPerChain: number;
  /** Post-warmup divergent transitions, all chains. */
  readonly divergences: number;
  /** Post-warmup transitions that hit the maximum tree depth. */
  readonly treeDepthHits: number;
  /** Largest R-hat over parameters. */
  readonly rhatMax: number;
  /** Smallest bulk ESS over parameters. */
  readonly essBulkMin: number;
  /** Smallest tail ESS over parameters. */
  readonly essTailMin: number;
  /** Adapted step size of each chain. */
  readonly stepSizes: readonly number[];
  /** Mean leapfrog steps per draw. */
  readonly meanLeapfrogSteps: number;
}

/** A sampled parameter: its name and role; transform parameters name their channel and parameter. */
export interface BayesParameterInfo {
  /** Parameter name, as in the summary. */
  readonly name: string;
  /** Its role. */
  readonly group: PosteriorParameterGroup;
  /** Channel index (media, adstock and saturation parameters). */
  readonly channel?: number;
  /** Transform parameter name (adstock and saturation parameters). */
  readonly param?: string;
}

/** Sampler statistics that cannot be recomputed from the draws. */
export interface SamplerRecord {
  /** Post-warmup divergent transitions, all chains. */
  readonly divergences: number;
  /** Post-warmup transitions that hit the maximum tree depth. */
  readonly treeDepthHits: number;
  /** Adapted step size of each chain. */
  readonly stepSizes: readonly number[];
  /** Mean leapfrog steps per draw. */
  readonly meanLeapfrogSteps: number;
}

/**
 * The prior of a channel's media coefficient or ROAS, or of a transform parameter, as the fit
 * used it: ROAS priors in ROAS units, coefficient priors in reporting units (KPI units, or log
 * KPI for log-log), transform priors in the transform's units.
 */
export interface PriorRecord {
  /** Parameter name (`"tv"`, `"tv.decay"`). */
  readonly name: string;
  /** The config key that sets it (`"tv.roas"`, `"decay"`, …). */
  readonly key: string;
  /** The prior. */
  readonly prior: Prior;
  /** For a channel: whether the prior is on its ROAS or on its coefficient. */
  readonly mediaPrior?: "roas" | "coefficient";
}

/** What a {@link BayesFit} is made of. */
export interface BayesFitParts {
  /** Training data. */
  readonly data: MmmData;
  /** The spec with every channel's scale filled in. */
  readonly spec: ModelSpec;
  /** Probability of the central intervals. */
  readonly level: number;
  /** The parameters, in draw column order. */
  readonly parameters: readonly BayesParameterInfo[];
  /** Draws in reporting units, row-major (draws × parameters), chain after chain. */
  readonly draws: Float64Array;
  /** Number of chains (the draws split evenly among them). */
  readonly chains: number;
  /** Sampler statistics. */
  readonly sampler: SamplerRecord;
  /** Lift tests in the likelihood. @default [] */
  readonly liftTests?: readonly LiftTest[];
  /** Priors of the channels and transform parameters. @default [] */
  readonly priors?: readonly PriorRecord[];
  /** Findings from before sampling (the pre-fit check), kept with the convergence ones. @default [] */
  readonly warnings?: readonly Diagnostic[];
}

/** The saved form of a {@link BayesFit}. */
export interface BayesModelJson {
  /** Always `"mixlab.bayes-model"`. */
  readonly format: "mixlab.bayes-model";
  /** Schema version. */
  readonly version: 1;
  /** Always `"bayes"`. */
  readonly kind: "bayes";
  /** The spec, with scales. */
  readonly spec: ModelSpecJson;
  /** The training data. */
  readonly data: unknown;
  /** Interval probability. */
  readonly level: number;
  /** Parameters in draw column order. */
  readonly parameters: readonly BayesParameterInfo[];
  /** Number of chains. */
  readonly chains: number;
  /** Sampler statistics. */
  readonly sampler: SamplerRecord;
  /** Draws, row-major (draws × parameters). */
  readonly draws: readonly number[];
  /** Summary at save time (informative; recomputed on load). */
  readonly summary: readonly PosteriorSummaryRow[];
  /** Lift tests in the likelihood. */
  readonly liftTests?: readonly LiftTest[];
  /** Priors of the channels and transform parameters. */
  readonly priors?: readonly PriorRecord[];
  /** Findings from before sampling. */
  readonly warnings?: readonly Diagnostic[];
}

/** Where each parameter sits, for prediction from a draw. */
interface Layout {
  readonly names: readonly string[];
  /** Index of the β of channel c. */
  readonly beta: readonly number[];
  /** Free transform parameters of channel c. */
  readonly free: readonly { family: "adstock" | "saturation"; param: string; index: number }[][];
  /** Index of the first baseline coefficient (they follow in design-column order). */
  readonly baselineStart: number;
}

/**
 * A Bayesian MMM fit (see the module doc for units). Made by `fitBayes`, `fitBayesParallel`
 * or {@link loadBayesModel}.
 *
 * @example Summary rows and draws of a short fit
 * ```ts
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import { fitBayes } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const n = 30;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
 * const data = {
 *   dates, kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: spend.map((s, i) => 10 + 2 * s + Math.sin(i)) },
 *   channels: [{ name: "tv", spend }], controls: [],
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const fit = fitBayes(data, spec, { chains: 2, warmup: 100, draws: 50, fixTransforms: true });
 * assert.deepEqual(fit.summary.map((r) => r.name), ["intercept", "tv", "sigma"]);
 * assert.equal(fit.draws("tv").length, 100);
 * ```
 */
export class BayesFit implements FittedModel {
  /** Always `"bayes"`. */
  readonly kind = "bayes";
  /**
   * The fitted spec: every channel's scale filled in, and each sampled transform parameter at
   * its posterior mean (fixed ones as given).
   */
  readonly spec: ModelSpec;
  /** The training data. */
  readonly data: MmmData;
  /** In-sample prediction: the posterior mean prediction. */
  readonly fitted: Float64Array;
  /** Total kept draws (chains × draws per chain). */
  readonly nDraws: number;
  /** Parameter table: posterior mean, sd and central interval. */
  readonly parameters: readonly ParameterRow[];
  /** Convergence and sampler findings. */
  readonly diagnostics: readonly Diagnostic[];
  /** Posterior summary with R-hat and ESS per parameter. */
  readonly summary: readonly PosteriorSummaryRow[];
  /** Sampler statistics and convergence summary. */
  readonly sampler: SamplerSummary;
  /** Draws whose predictions are averaged when no draw is asked for (evenly spaced, ≤ 64). */
  readonly #meanDraws: readonly number[];
  /** Probability of the central intervals. */
  readonly level: number;
  /** Lift tests that were in the likelihood. */
  readonly liftTests: readonly LiftTest[];
  /** Priors of the channels (ROAS or coefficient) and transform parameters. */
  readonly priors: readonly PriorRecord[];
  readonly #basis: DesignBasis;
  readonly #info: readonly BayesParameterInfo[];
  readonly #record: SamplerRecord;
  readonly #layout: Layout;
  /** Draws in reporting units, row-major nDraws × parameters (chain-major rows). */
  readonly #draws: Float64Array;
  readonly #means: Float64Array;
  readonly #transformParams: readonly FittedTransformParam[];
  readonly #warnings: readonly Diagnostic[];
  /** The basis without channels: builds the baseline columns only. */
  readonly #baselineBasis: DesignBasis;
  /** Media columns by channel, spend, history and draw; the baseline design by rows. */
  readonly #media = new MediaColumnMemo();
  readonly #baseline = new BaselineMemo<{
    columns: readonly DesignColumn[];
    values: readonly Float64Array[];
  }>();

  /** Assembles a fit from its parts; use `fitBayes` or {@link loadBayesModel}. */
  constructor(parts: BayesFitParts) {
    this.data = parts.data;
    this.level = parts.level;
    this.liftTests = Object.freeze([...(parts.liftTests ?? [])]);
    this.priors = Object.freeze([...(parts.priors ?? [])]);
    this.#info = parts.parameters;
    this.#record = parts.sampler;
    const params = parts.parameters, dim = params.length;
    const chains = parts.chains, draws = parts.draws;
    this.nDraws = draws.length / dim;
    const k = Math.min(this.nDraws, MEAN_DRAWS);
    this.#meanDraws = Array.from({ length: k }, (_, i) => Math.floor((i * this.nDraws) / k));
    const per = this.nDraws / chains;
    const beta: number[] = [];
    const free: Layout["free"][number][] = parts.spec.channels.map(() => []);
    let baselineStart = -1;
    params.forEach((p, i) => {
      if (p.group === "media") beta[p.channel as number] = i;
      if (p.group === "adstock" || p.group === "saturation") {
        (free[p.channel as number] as Layout["free"][number]).push({
          family: p.group,
          param: p.param as string,
          index: i,
        });
      }
      if (p.group === "baseline" && baselineStart < 0) baselineStart = i;
    });
    this.#layout = { names: params.map((p) => p.name), beta, free, baselineStart };
    this.#draws = draws;
    // Summary per parameter.
    const lowP = (1 - parts.level) / 2;
    const means = new Float64Array(dim);
    const summary: PosteriorSummaryRow[] = [];
    for (let j = 0; j < dim; j++) {
      const perChain: Float64Array[] = [];
      for (let k = 0; k < chains; k++) {
        const a = new Float64Array(per);
        for (let i = 0; i < per; i++) a[i] = draws[(k * per + i) * dim + j] as number;
        perChain.push(a);
      }
      const all = new Float64Array(this.nDraws);
      perChain.forEach((a, k) => all.set(a, k * per));
      let m = 0;
      for (const v of all) m += v;
      m /= all.length;
      let v2 = 0;
      for (const v of all) v2 += (v - m) ** 2;
      const sd = Math.sqrt(v2 / Math.max(1, all.length - 1));
      means[j] = m;
      all.sort();
      const enough = per >= 4;
      summary.push({
        name: params[j]!.name,
        group: params[j]!.group,
        mean: m,
        sd,
        lower: quantileSorted(all, lowP),
        median: quantileSorted(all, 0.5),
        upper: quantileSorted(all, 1 - lowP),
        rhat: enough ? rhat(perChain) : NaN,
        essBulk: enough ? essBulk(perChain) : NaN,
        essTail: enough ? essTail(perChain) : NaN,
      });
    }
    this.#means = means;
    this.#transformParams = Object.freeze(transformSummary(parts.spec, params, draws));
    this.spec = withValues(parts.spec, this.#transformParams);
    this.#basis = designBasis(parts.data, this.spec);
    this.#baselineBasis = { ...this.#basis, spec: { ...this.spec, channels: [] } };
    this.summary = Object.freeze(summary);
    this.parameters = Object.freeze(summary.map((s): ParameterRow => ({
      name: s.name,
      estimate: s.mean,
      stdError: s.sd,
      lower: s.lower,
      upper: s.upper,
    })));
    const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
    const rhats = finite(summary.map((s) => s.rhat));
    this.sampler = Object.freeze({
      chains,
      drawsPerChain: per,
      divergences: parts.sampler.divergences,
      treeDepthHits: parts.sampler.treeDepthHits,
      rhatMax: rhats.length > 0 ? Math.max(...rhats) : NaN,
      essBulkMin: Math.min(...finite(summary.map((s) => s.essBulk))),
      essTailMin: Math.min(...finite(summary.map((s) => s.essTail))),
      stepSizes: Object.freeze([...parts.sampler.stepSizes]),
      meanLeapfrogSteps: parts.sampler.meanLeapfrogSteps,
    });
    this.#warnings = Object.freeze([...(parts.warnings ?? [])]);
    this.diagnostics = Object.freeze([
      ...this.#warnings,
      ...convergenceDiagnostics(this.summary, this.sampler),
    ]);
    this.fitted = this.predict(this.data);
  }

  /** All draws of one parameter (reporting units), chains one after another. */
  draws(name: string): Float64Array {
    const j = this.#layout.names.indexOf(name);
    if (j < 0) {
      throw new RangeError(
        `Cannot get draws: no parameter "${name}"; parameters are ${
          this.#layout.names.map((s) => `"${s}"`).join(", ")
        }`,
      );
    }
    const dim = this.#layout.names.length, out = new Float64Array(this.nDraws);
    for (let i = 0; i < this.nDraws; i++) out[i] = this.#draws[i * dim + j] as number;
    return out;
  }

  #point(draw: number | undefined): Float64Array {
    const dim = this.#layout.names.length;
    if (draw === undefined) return this.#means;
    if (!Number.isInteger(draw) || draw < 0 || draw >= this.nDraws) {
      throw new RangeError(
        `Cannot predict: "draw" must be an integer in [0, ${this.nDraws}), current value is ${draw}`,
      );
    }
    return this.#draws.subarray(draw * dim, (draw + 1) * dim);
  }

  /** The spec's channel with the transform parameters of a point. */
  #channelAt(c: number, point: Float64Array): ChannelSpec {
    const ch = this.spec.channels[c] as ChannelSpec;
    const free = this.#layout.free[c] ?? [];
    if (free.length === 0) return ch;
    const ad: Record<string, number> = { ...ch.adstock.params };
    const sat: Record<string, number> = { ...ch.saturation.params };
    for (const f of free) (f.family === "adstock" ? ad : sat)[f.param] = point[f.index] as number;
    return {
      ...ch,
      adstock: { kind: ch.adstock.kind, params: ad },
      saturation: { kind: ch.saturation.kind, params: sat },
    };
  }

  /**
   * The baseline design columns of `data` (controls, trend, seasonality, events; no media),
   * memoised by rows: they depend neither on spend nor on the draw.
   */
  #baselineDesign(data: MmmData): {
    columns: readonly DesignColumn[];
    values: readonly Float64Array[];
  } {
    return this.#baseline.get(data, () => {
      const d = designMatrix(data, this.#baselineBasis, { response: false });
      return { columns: d.columns, values: d.values };
    });
  }

  /**
   * Channel c's media column (without its coefficient) under `draw` (−1: the posterior means),
   * memoised by spend, history and draw, so that a what-if moving one channel recomputes one
   * channel. The column is shared: do not change it.
   */
  #column(c: number, draw: number, data: MmmData, history: MmmData | undefined): Float64Array {
    const name = this.spec.channels[c]!.name;
    const spendOf = (d: MmmData) => d.channels.find((x) => x.name === name)?.spend;
    const compute = () =>
      mediaColumn(data, this.#channelAt(c, this.#point(draw < 0 ? undefined : draw)), {
        ...(history ? { history } : {}),
      });
    const spend = spendOf(data);
    return spend && !data.geo
      ? this.#media.column(name, spend, history && spendOf(history), draw, compute)
      : compute();
  }

  /** The posterior mean prediction: the average over the mean draws of each draw's prediction. */
  #predictMean(data: MmmData, history: MmmData | undefined): Float64Array {
    const n = data.dates.length, draws = this.#meanDraws, k = draws.length, L = this.#layout;
    const base = this.#baselineDesign(data);
    const out = new Float64Array(n), eta = new Float64Array(n);
    const linear = this.spec.specification === "linear";
    for (const d of draws) {
      const point = this.#point(d);
      eta.fill(point[0] as number);
      base.values.forEach((z, j) => {
        const g = point[L.baselineStart + j] as number;
        for (let t = 0; t < n; t++) eta[t] = (eta[t] as number) + g * (z[t] as number);
      });
      this.spec.channels.forEach((_, c) => {
        const col = this.#column(c, d, data, history), b = point[L.beta[c] as number] as number;
        for (let t = 0; t < n; t++) eta[t] = (eta[t] as number) + b * (col[t] as number);
      });
      for (let t = 0; t < n; t++) {
        out[t] = (out[t] as number) + (linear ? (eta[t] as number) : Math.exp(eta[t] as number));
      }
    }
    for (let t = 0; t < n; t++) out[t] = (out[t] as number) / k;
    return out;
  }

  /**
   * The linear predictor's additive terms at a draw (KPI units for the linear specification,
   * log KPI for log-log) and their sum η.
   */
  #linearTerms(data: MmmData, options: PredictOptions): { terms: Term[]; eta: Float64Array } {
    const point = this.#point(options.draw);
    const n = data.dates.length, L = this.#layout;
    const terms: Term[] = [];
    const eta = new Float64Array(n).fill(point[0] as number);
    terms.push({
      name: "intercept",
      group: "intercept",
      values: new Float64Array(n).fill(point[0] as number),
    });
    this.spec.channels.forEach((ch, c) => {
      const col = this.#column(c, options.draw ?? -1, data, options.history);
      const b = point[L.beta[c] as number] as number;
      terms.push({ name: ch.name, group: "media", values: col.map((v) => b * v) });
    });
    const base = this.#baselineDesign(data);
    const byTerm = new Map<string, { group: TermGroup; values: Float64Array }>();
    base.columns.forEach((col, j) => {
      const coef = point[L.baselineStart + j] as number;
      let term = byTerm.get(col.term);
      if (term === undefined) {
        term = { group: col.group, values: new Float64Array(n) };
        byTerm.set(col.term, term);
      }
      const v = base.values[j] as Float64Array, out = term.values;
      for (let t = 0; t < n; t++) out[t] = (out[t] as number) + coef * (v[t] as number);
    });
    for (const [name, t] of byTerm) terms.push({ name, group: t.group, values: t.values });
    for (let k = 1; k < terms.length; k++) {
      const v = terms[k]!.values;
      for (let t = 0; t < n; t++) eta[t] = (eta[t] as number) + (v[t] as number);
    }
    return { terms, eta };
  }

  /**
   * Additive terms for `data` in KPI units that sum to `predict(data, options)`, at a draw or,
   * without one, averaged term by term over the same draws as {@link predict}. For the log-log specification (prediction exp(η)), as for
   * mixlab's linear estimators: a channel's term is the prediction minus the prediction with
   * that channel's spend (and history) set to zero; the remainder is split over the baseline
   * terms in proportion to their share of the baseline linear predictor.
   */
  decompose(data: MmmData, options: PredictOptions = {}): Decomposition {
    if (options.draw === undefined && this.#meanDraws.length > 0) {
      return averageDecompositions(
        this.#meanDraws.map((draw) => this.decompose(data, { ...options, draw })),
      );
    }
    const { terms, eta } = this.#linearTerms(data, options);
    if (this.spec.specification === "linear") return { dates: data.dates, terms, fitted: eta };
    const n = eta.length, fitted = eta.map(Math.exp);
    const zero = (m: MmmData, name: string): MmmData => ({
      ...m,
      channels: m.channels.map((ch) =>
        ch.name === name ? { name: ch.name, spend: new Float64Array(ch.spend.length) } : ch
      ),
    });
    const rest = Float64Array.from(fitted), etaBase = new Float64Array(n);
    const out: Term[] = terms.map((term) => {
      if (term.group !== "media") {
        for (let t = 0; t < n; t++) {
          etaBase[t] = (etaBase[t] as number) + (term.values[t] as number);
        }
        return term;
      }
      const cf = this.predict(zero(data, term.name), {
        ...options,
        ...(options.history ? { history: zero(options.history, term.name) } : {}),
      });
      const values = fitted.map((v, t) => v - (cf[t] as number));
      for (let t = 0; t < n; t++) rest[t] = (rest[t] as number) - (values[t] as number);
      return { name: term.name, group: term.group, values };
    });
    const split = out.map((term): Term => {
      if (term.group === "media") return term;
      const values = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        const e = etaBase[t] as number;
        values[t] = e !== 0
          ? ((rest[t] as number) * (term.values[t] as number)) / e
          : term.group === "intercept"
          ? (rest[t] as number)
          : 0;
      }
      return { name: term.name, group: term.group, values };
    });
    return { dates: data.dates, terms: split, fitted };
  }

  /**
   * Predicted KPI for `data` at a draw, or without one the posterior mean prediction: the
   * average over up to 64 evenly spaced draws. (The prediction at the posterior mean
   * parameters is not the mean prediction: saturation is nonlinear, and with a weakly identified
   * channel the two differ a lot.)
   */
  predict(data: MmmData, options: PredictOptions = {}): Float64Array {
    if (options.draw === undefined && this.#meanDraws.length > 0) {
      return this.#predictMean(data, options.history);
    }
    const { eta } = this.#linearTerms(data, options);
    return this.spec.specification === "linear" ? eta : eta.map(Math.exp);
  }

  /**
   * Every transform parameter: sampled ones as `"estimated"` with their posterior mean and
   * central 90% interval, the others as `"fixed"` at the spec's value.
   */
  transformParams(): readonly FittedTransformParam[] {
    return this.#transformParams;
  }

  /** MCMC convergence: chains, draws per chain, max R-hat, min bulk ESS, divergences. */
  get convergence(): Convergence {
    const s = this.sampler;
    return {
      chains: s.chains,
      drawsPerChain: s.drawsPerChain,
      rhatMax: s.rhatMax,
      essBulkMin: s.essBulkMin,
      divergences: s.divergences,
    };
  }

  /** The parameter summary as a table. */
  toTable(): Table {
    return new Table(
      this.summary.map((s) => ({
        parameter: s.name,
        mean: s.mean,
        sd: s.sd,
        [`${Math.round(((1 - this.level) / 2) * 100)}%`]: s.lower,
        [`${Math.round((1 - (1 - this.level) / 2) * 100)}%`]: s.upper,
        rhat: s.rhat,
        ess_bulk: s.essBulk,
        ess_tail: s.essTail,
      })),
      {
        caption: `Bayesian MMM: ${this.sampler.chains} chains × ${this.sampler.drawsPerChain} ` +
          `draws, ${this.sampler.divergences} divergences, max R-hat ` +
          `${this.sampler.rhatMax.toFixed(3)}`,
      },
    );
  }

  /** The saved form; {@link loadBayesModel} turns it back into an equal fit. */
  toJSON(): BayesModelJson {
    return {
      format: "mixlab.bayes-model",
      version: 1,
      kind: "bayes",
      spec: specToJSON(this.spec),
      data: dataToJSON(this.data),
      level: this.level,
      parameters: this.#info,
      chains: this.sampler.chains,
      sampler: this.#record,
      draws: Array.from(this.#draws),
      summary: this.summary,
      ...(this.liftTests.length > 0 ? { liftTests: this.liftTests } : {}),
      ...(this.priors.length > 0 ? { priors: this.priors } : {}),
      ...(this.#warnings.length > 0 ? { warnings: this.#warnings } : {}),
    };
  }

  /** Shows the parameter table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/** The spec's transform parameters, sampled ones summarised from their draws. */
function transformSummary(
  spec: ModelSpec,
  params: readonly BayesParameterInfo[],
  draws: Float64Array,
): FittedTransformParam[] {
  const dim = params.length, nDraws = draws.length / dim;
  return spec.channels.flatMap((ch, c) =>
    (["adstock", "saturation"] as const).flatMap((stage) =>
      Object.entries(ch[stage].params).map(([name, value]): FittedTransformParam => {
        const j = params.findIndex((p) => p.channel === c && p.group === stage && p.param === name);
        const base = { channel: ch.name, stage, kind: ch[stage].kind, name };
        if (j < 0) return { ...base, value, status: "fixed" };
        const v = new Float64Array(nDraws);
        let mean = 0;
        for (let i = 0; i < nDraws; i++) {
          v[i] = draws[i * dim + j] as number;
          mean += v[i] as number;
        }
        v.sort();
        return {
          ...base,
          value: mean / nDraws,
          interval: [quantileSorted(v, 0.05), quantileSorted(v, 0.95)],
          status: "estimated",
        };
      })
    )
  );
}

/** The spec with each channel's transform parameters set to the given values. */
function withValues(spec: ModelSpec, values: readonly FittedTransformParam[]): ModelSpec {
  return {
    ...spec,
    channels: spec.channels.map((ch) => {
      const pick = (stage: "adstock" | "saturation") => ({
        kind: ch[stage].kind,
        params: Object.fromEntries(
          values.filter((p) => p.channel === ch.name && p.stage === stage).map((
            p,
          ) => [p.name, p.value]),
        ),
      });
      return { ...ch, adstock: pick("adstock"), saturation: pick("saturation") };
    }),
  };
}

/** Term-by-term average of decompositions of the same rows (same terms in the same order). */
function averageDecompositions(parts: readonly Decomposition[]): Decomposition {
  const first = parts[0] as Decomposition, k = parts.length, n = first.fitted.length;
  const mean = (pick: (d: Decomposition) => Float64Array) => {
    const out = new Float64Array(n);
    for (const d of parts) {
      const v = pick(d);
      for (let t = 0; t < n; t++) out[t] = (out[t] as number) + (v[t] as number) / k;
    }
    return out;
  };
  return {
    dates: first.dates,
    terms: first.terms.map((term, j) => ({
      name: term.name,
      group: term.group,
      values: mean((d) => (d.terms[j] as Term).values),
    })),
    fitted: mean((d) => d.fitted),
  };
}

/**
 * Rebuilds a {@link BayesFit} from its `toJSON()` output (draws are kept; nothing is resampled).
 *
 * @param json The parsed JSON of a saved Bayesian fit.
 * @returns The fit, equal in draws, summary and predictions to the saved one.
 * @throws {ConfigError} When the JSON is not a saved Bayesian mixlab model.
 *
 * @example Round trip through JSON text
 * ```ts
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import { fitBayes, loadBayesModel } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const n = 20;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 1 + (i % 4));
 * const data = {
 *   dates, kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: spend.map((s, i) => 5 + s + Math.cos(i)) },
 *   channels: [{ name: "tv", spend }], controls: [],
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const fit = fitBayes(data, spec, { chains: 2, warmup: 60, draws: 20, fixTransforms: true });
 * const back = loadBayesModel(JSON.parse(JSON.stringify(fit)));
 * assert.deepEqual(back.predict(data, { draw: 5 }), fit.predict(data, { draw: 5 }));
 * ```
 */
export function loadBayesModel(json: unknown): BayesFit {
  const j = json as Partial<BayesModelJson> | null;
  if (j === null || typeof j !== "object" || j.format !== "mixlab.bayes-model" || j.version !== 1) {
    throw new ConfigError("Cannot load model: not a mixlab.bayes-model version 1 object", {
      key: "format",
      hint: "pass the parsed JSON of a Bayesian fit's toJSON()",
    });
  }
  const params = j.parameters, draws = j.draws, chains = j.chains;
  if (
    !Array.isArray(params) || params.length === 0 || !Array.isArray(draws) ||
    typeof chains !== "number" || !(chains >= 1) ||
    draws.length % (params.length * chains) !== 0 || j.sampler === undefined ||
    typeof j.level !== "number"
  ) {
    throw new ConfigError("Cannot load model: the saved draws or parameters are malformed", {
      key: "draws",
      hint: "pass the parsed JSON of a Bayesian fit's toJSON(), unchanged",
    });
  }
  let data: MmmData;
  try {
    data = dataFromJSON(j.data);
  } catch (cause) {
    throw new ConfigError("Cannot load model: the saved training data is malformed", {
      key: "data",
      hint: "pass the parsed JSON of a Bayesian fit's toJSON(), unchanged",
    }, { cause });
  }
  return new BayesFit({
    data,
    spec: specFromJSON(j.spec),
    level: j.level,
    parameters: params.map((p) => ({ ...p })),
    draws: Float64Array.from(draws),
    chains,
    sampler: { ...j.sampler, stepSizes: [...j.sampler.stepSizes] },
    ...(Array.isArray(j.liftTests) ? { liftTests: j.liftTests.map((t) => ({ ...t })) } : {}),
    ...(Array.isArray(j.priors) ? { priors: j.priors.map((p) => ({ ...p })) } : {}),
    ...(Array.isArray(j.warnings) ? { warnings: j.warnings.map((w) => ({ ...w })) } : {}),
  });
}

function convergenceDiagnostics(
  summary: readonly PosteriorSummaryRow[],
  s: SamplerSummary,
): Diagnostic[] {
  const out: Diagnostic[] = [{
    level: "info",
    code: "bayes-convergence",
    message: `${s.chains} chains × ${s.drawsPerChain} draws: max R-hat ${s.rhatMax.toFixed(3)}, ` +
      `min bulk ESS ${Math.round(s.essBulkMin)}, min tail ESS ${Math.round(s.essTailMin)}, ` +
      `${s.divergences} divergent transitions`,
  }];
  if (s.divergences > 0) {
    out.push({
      level: "warning",
      code: "bayes-divergences",
      message: `${s.divergences} transitions diverged after warmup; the posterior may be biased. ` +
        "Raise targetAccept (e.g. 0.95) or tighten the priors",
    });
  }
  for (const r of summary) {
    if (r.rhat > 1.01) {
      out.push({
        level: "warning",
        code: "bayes-rhat-high",
        message:
          `R-hat of "${r.name}" is ${r.rhat.toFixed(3)} (above 1.01): the chains disagree; ` +
          "run longer or tighten its prior",
        subject: r.name,
      });
    }
    const minEss = 100 * s.chains;
    if (Math.min(r.essBulk, r.essTail) < minEss) {
      out.push({
        level: "warning",
        code: "bayes-ess-low",
        message:
          `Effective sample size of "${r.name}" is ${Math.round(Math.min(r.essBulk, r.essTail))} ` +
          `(below ${minEss}); intervals are imprecise, draw more`,
        subject: r.name,
      });
    }
  }
  if (s.treeDepthHits > 0) {
    out.push({
      level: "info",
      code: "bayes-max-treedepth",
      message: `${s.treeDepthHits} transitions hit the maximum tree depth; sampling is slow ` +
        "but not biased",
    });
  }
  return out;
}
