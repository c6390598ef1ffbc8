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
import { specToJSON } from "../model_spec.ts";
import { dataToJSON } from "../data_json.ts";
import { averageDecompositions, logLinkDecomposition } from "./_bayes_decomposition.ts";
import { type Layout, parameterLayout } from "./_parameter_layout.ts";
import {
  convergenceDiagnostics,
  samplerSummary,
  summarizeDraws,
  summaryTable,
  transformSummary,
  withValues,
} from "./_posterior_summary.ts";
import type {
  BayesFitParts,
  BayesModelJson,
  BayesParameterInfo,
  PosteriorSummaryRow,
  PriorRecord,
  SamplerRecord,
  SamplerSummary,
} from "./bayes_fit_parts.ts";
import { BaselineMemo, MediaColumnMemo } from "./_prediction_memo.ts";

/** Most draws averaged for a posterior mean prediction. */
const MEAN_DRAWS = 64;

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
    this.#layout = parameterLayout(params, parts.spec.channels.length);
    this.#draws = draws;
    const { summary, means } = summarizeDraws(params, draws, chains, parts.level);
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
    this.sampler = samplerSummary(summary, chains, per, parts.sampler);
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
   * without one, averaged term by term over the same draws as {@link predict}; for the log-log
   * specification, channel terms are counterfactual differences ({@link logLinkDecomposition}).
   */
  decompose(data: MmmData, options: PredictOptions = {}): Decomposition {
    if (options.draw === undefined && this.#meanDraws.length > 0) {
      return averageDecompositions(
        this.#meanDraws.map((draw) => this.decompose(data, { ...options, draw })),
      );
    }
    const { terms, eta } = this.#linearTerms(data, options);
    if (this.spec.specification === "linear") return { dates: data.dates, terms, fitted: eta };
    return logLinkDecomposition(
      data,
      terms,
      eta,
      (zeroed, history) => this.predict(zeroed, { ...options, ...(history ? { history } : {}) }),
      options.history,
    );
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
    return summaryTable(this.summary, this.sampler, this.level);
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
