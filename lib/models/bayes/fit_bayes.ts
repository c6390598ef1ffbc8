/**
 * `fitBayes`: the Bayesian media mix model fitted by NUTS, returned as a {@link FittedModel}
 * whose `predict` and `decompose` accept a posterior `draw`.
 *
 * The model and its priors are described in `model.ts`: the KPI is divided by its mean absolute
 * training value, spend by the channel's scale (mean training spend unless the spec sets one),
 * and baseline regressors (controls, trend, Fourier terms, events; built by the shared design
 * matrix) are centred and divided by their standard deviation. Every draw is mapped back to KPI
 * units for reporting: `intercept` is the KPI level with every regressor at zero, a channel's
 * coefficient is its contribution per row at full saturation, a baseline coefficient is per unit
 * of the regressor, `sigma` is the residual sd; transform parameters are as in the spec.
 *
 * @module
 */
import { ConfigError, MmmDataError } from "../../errors.ts";
import type {
  ChannelSpec,
  Decomposition,
  Diagnostic,
  FittedModel,
  MmmData,
  ModelSpec,
  ParameterRow,
  PredictOptions,
  Term,
  TermGroup,
} from "../../types.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../../_internal/display.ts";
import { Table } from "../../report/table.ts";
import { type DesignBasis, designBasis, designMatrix, mediaColumn } from "../design_matrix.ts";
import { specToJSON } from "../model_spec.ts";
import { MmmPosterior, type PosteriorParameter } from "./model.ts";
import { type NutsResult, sampleNuts } from "./nuts.ts";
import { essBulk, essTail, rhat } from "./convergence.ts";
import type { Prior } from "./priors.ts";

/** Options of {@link fitBayes}. */
export interface BayesOptions {
  /** Number of chains; chain k is seeded with `seed + k`. @default 4 */
  readonly chains?: number;
  /** Warmup iterations per chain. @default 1000 */
  readonly warmup?: number;
  /** Kept draws per chain. @default 1000 */
  readonly draws?: number;
  /** Seed of chain 0. @default 0 */
  readonly seed?: number;
  /** NUTS maximum tree depth. @default 10 */
  readonly maxTreeDepth?: number;
  /** NUTS target acceptance statistic (raise towards 0.95 if there are divergences). @default 0.8 */
  readonly targetAccept?: number;
  /**
   * Prior overrides on the model's internal scale, by parameter name or group (see
   * `MmmPosteriorOptions.priors`). @default {}
   */
  readonly priors?: Readonly<Record<string, Prior>>;
  /**
   * NUTS metric: `"dense"` adapts the full posterior covariance, which suits the correlated
   * intercept, coefficient and saturation parameters of an MMM. @default "dense"
   */
  readonly metric?: "diag" | "dense";
  /** Keep transform parameters fixed at the spec's values. @default false */
  readonly fixTransforms?: boolean;
  /** Probability of the central intervals in the parameter table. @default 0.9 */
  readonly level?: number;
}

/** One row of the posterior summary, in reporting units (see the module doc). */
export interface PosteriorSummaryRow {
  /** Parameter name. */
  readonly name: string;
  /** Its role. */
  readonly group: PosteriorParameter["group"];
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

/** Where each reporting parameter sits, for prediction from a draw. */
interface Layout {
  readonly names: readonly string[];
  readonly groups: readonly PosteriorParameter["group"][];
  /** Index of the β of channel c. */
  readonly beta: readonly number[];
  /** Free transform parameters of channel c: family, name, index. */
  readonly free: readonly { family: "adstock" | "saturation"; param: string; index: number }[][];
  /** Index of each baseline column's coefficient. */
  readonly baselineStart: number;
  readonly sigma: number;
}

function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.ceil(h);
  const a = sorted[lo] as number, b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Fits the Bayesian MMM by NUTS (see the module doc for the model and its scaling) and returns
 * a fitted model with posterior draws.
 *
 * @param data Training data (national: one row per date).
 * @param spec The model spec; its transform values are the starting point only when
 *   `fixTransforms` is set, otherwise their parameters are sampled.
 * @param options Chains, warmup, draws, seed, priors and sampler settings.
 * @returns The fit: parameter table with posterior means, sds, intervals; predict/decompose
 *   with `{ draw }`; convergence diagnostics.
 * @throws {MmmDataError} For panel data or a KPI that is all zero.
 * @throws {ConfigError} For the log-log specification, or a saturation without a known
 *   input derivative, or an invalid prior.
 *
 * @example A short fit on a tiny data set
 * ```ts
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import { fitBayes } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const n = 30;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
 * const kpi = spend.map((s, i) => 10 + 2 * s + Math.sin(i));
 * const data = {
 *   dates, kpiKind: "revenue" as const, kpi: { name: "sales", values: kpi },
 *   channels: [{ name: "tv", spend }], controls: [],
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const fit = fitBayes(data, spec, { chains: 2, warmup: 100, draws: 50, fixTransforms: true });
 * assert.equal(fit.nDraws, 100);
 * assert.equal(fit.predict(data, { draw: 3 }).length, n);
 * ```
 */
export function fitBayes(data: MmmData, spec: ModelSpec, options: BayesOptions = {}): BayesFit {
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(
      `Cannot fit Bayesian model: "level" must be in (0, 1), current value is ${level}`,
    );
  }
  if (data.geo !== undefined) {
    throw new MmmDataError("Cannot fit Bayesian model: panel (geo) data is not supported", {
      column: data.geo.name,
      hint: "fit each geo separately or aggregate to national rows",
    });
  }
  if (spec.specification !== "linear") {
    throw new ConfigError(
      `Cannot fit Bayesian model: specification "${spec.specification}" is not supported`,
      { key: "specification", hint: 'use "linear"' },
    );
  }
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const y = design.y as Float64Array, n = y.length;
  let yScale = 0;
  for (let t = 0; t < n; t++) yScale += Math.abs(y[t] as number);
  yScale /= n;
  if (!(yScale > 0)) {
    throw new MmmDataError(
      `Cannot fit Bayesian model: KPI "${data.kpi.name}" is zero on every row`,
      {
        column: data.kpi.name,
      },
    );
  }
  const channels = basis.spec.channels.map((c) => {
    const spend = data.channels.find((d) => d.name === c.name)?.spend as Float64Array;
    const scale = c.scale as number;
    return {
      name: c.name,
      x: spend.map((v) => v / scale),
      adstock: c.adstock,
      saturation: c.saturation,
    };
  });
  // Baseline columns: everything but media, centred and scaled.
  const baseIdx = design.columns.map((c, j) => (c.group === "media" ? -1 : j)).filter((j) =>
    j >= 0
  );
  const centre: number[] = [], spread: number[] = [];
  const baseline = baseIdx.map((j) => {
    const v = design.values[j] as Float64Array, col = design.columns[j]!;
    let m = 0;
    for (let t = 0; t < n; t++) m += v[t] as number;
    m /= n;
    let s = 0;
    for (let t = 0; t < n; t++) s += ((v[t] as number) - m) ** 2;
    s = Math.sqrt(s / n);
    if (!(s > 0)) s = 1;
    centre.push(m);
    spread.push(s);
    return { name: col.name, values: v.map((x) => (x - m) / s) };
  });
  const posterior = new MmmPosterior(
    { y: y.map((v) => v / yScale), channels, baseline },
    {
      ...(options.priors !== undefined ? { priors: options.priors } : {}),
      ...(options.fixTransforms !== undefined ? { fixTransforms: options.fixTransforms } : {}),
    },
  );
  const result = sampleNuts(posterior, {
    chains: options.chains ?? 4,
    warmup: options.warmup ?? 1000,
    draws: options.draws ?? 1000,
    seed: options.seed ?? 0,
    maxTreeDepth: options.maxTreeDepth ?? 10,
    targetAccept: options.targetAccept ?? 0.8,
    metric: options.metric ?? "dense",
  });
  return new BayesFit({
    data,
    basis,
    posterior,
    result,
    yScale,
    centre,
    spread,
    level,
    maxTreeDepth: options.maxTreeDepth ?? 10,
  });
}

interface BayesFitInput {
  data: MmmData;
  basis: DesignBasis;
  posterior: MmmPosterior;
  result: NutsResult;
  yScale: number;
  centre: number[];
  spread: number[];
  level: number;
  maxTreeDepth: number;
}

/**
 * A Bayesian MMM fit: posterior draws in reporting units, their summary and convergence
 * diagnostics, and the {@link FittedModel} methods (which take `{ draw }`).
 */
export class BayesFit implements FittedModel {
  /** Always `"bayes"`. */
  readonly kind = "bayes";
  /** The spec with every channel's scale filled in. */
  readonly spec: ModelSpec;
  /** The training data. */
  readonly data: MmmData;
  /** In-sample prediction at the posterior mean parameters. */
  readonly fitted: Float64Array;
  /** Total kept draws (chains × draws per chain). */
  readonly nDraws: number;
  /** Parameter table: posterior mean, sd and central interval. */
  readonly parameters: readonly ParameterRow[];
  /** Convergence and sampler findings. */
  readonly diagnostics: readonly Diagnostic[];
  /** Posterior summary with R-hat and ESS per parameter. */
  readonly summary: readonly PosteriorSummaryRow[];
  /** Sampler statistics. */
  readonly sampler: SamplerSummary;
  /** Probability of the central intervals. */
  readonly level: number;
  readonly #basis: DesignBasis;
  readonly #layout: Layout;
  /** Draws in reporting units, row-major nDraws × parameters (chain-major rows). */
  readonly #draws: Float64Array;
  readonly #means: Float64Array;

  /** Assembles a fit; use {@link fitBayes}. */
  constructor(input: BayesFitInput) {
    const { posterior, result, yScale, centre, spread } = input;
    this.data = input.data;
    this.#basis = input.basis;
    this.spec = input.basis.spec;
    this.level = input.level;
    const params = posterior.parameters, dim = posterior.dim;
    const chains = result.chains.length, per = result.draws;
    this.nDraws = chains * per;
    const beta: number[] = [];
    const free: Layout["free"][number][] = this.spec.channels.map(() => []);
    let baselineStart = -1, sigma = -1;
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
      if (p.group === "sigma") sigma = i;
    });
    if (baselineStart < 0) baselineStart = sigma;
    this.#layout = {
      names: params.map((p) => p.name),
      groups: params.map((p) => p.group),
      beta,
      free,
      baselineStart,
      sigma,
    };
    // Map every draw to reporting units.
    const draws = new Float64Array(this.nDraws * dim), value = new Float64Array(dim);
    const nBase = centre.length;
    for (let k = 0; k < chains; k++) {
      const c = result.chains[k]!;
      for (let i = 0; i < per; i++) {
        posterior.constrain(c.draws.subarray(i * dim, (i + 1) * dim), value);
        const o = (k * per + i) * dim;
        let shift = 0;
        for (let j = 0; j < nBase; j++) {
          const g = value[baselineStart + j] as number;
          shift += (g * (centre[j] as number)) / (spread[j] as number);
          draws[o + baselineStart + j] = (yScale * g) / (spread[j] as number);
        }
        draws[o] = yScale * ((value[0] as number) - shift);
        for (const b of beta) draws[o + b] = yScale * (value[b] as number);
        for (const f of free) for (const e of f) draws[o + e.index] = value[e.index] as number;
        draws[o + sigma] = yScale * (value[sigma] as number);
      }
    }
    this.#draws = draws;
    // Summary per parameter.
    const lowP = (1 - input.level) / 2;
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
    this.summary = Object.freeze(summary);
    this.parameters = Object.freeze(summary.map((s): ParameterRow => ({
      name: s.name,
      estimate: s.mean,
      stdError: s.sd,
      lower: s.lower,
      upper: s.upper,
    })));
    let divergences = 0, hits = 0, leapfrogs = 0;
    for (const c of result.chains) {
      for (let i = 0; i < per; i++) {
        divergences += c.divergent[i] as number;
        if ((c.treeDepth[i] as number) >= input.maxTreeDepth) hits++;
        leapfrogs += c.leapfrogSteps[i] as number;
      }
    }
    const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
    const rhats = finite(summary.map((s) => s.rhat));
    this.sampler = Object.freeze({
      chains,
      drawsPerChain: per,
      divergences,
      treeDepthHits: hits,
      rhatMax: rhats.length > 0 ? Math.max(...rhats) : NaN,
      essBulkMin: Math.min(...finite(summary.map((s) => s.essBulk))),
      essTailMin: Math.min(...finite(summary.map((s) => s.essTail))),
      stepSizes: Object.freeze(result.chains.map((c) => c.stepSize)),
      meanLeapfrogSteps: leapfrogs / this.nDraws,
    });
    this.diagnostics = Object.freeze(convergenceDiagnostics(this.summary, this.sampler));
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

  /** Additive terms for `data` in KPI units, at a draw or at the posterior mean parameters. */
  decompose(data: MmmData, options: PredictOptions = {}): Decomposition {
    const point = this.#point(options.draw);
    const history = options.history;
    const n = data.dates.length, L = this.#layout;
    const terms: Term[] = [];
    const fitted = new Float64Array(n).fill(point[0] as number);
    terms.push({
      name: "intercept",
      group: "intercept",
      values: new Float64Array(n).fill(point[0] as number),
    });
    this.spec.channels.forEach((_, c) => {
      const col = mediaColumn(data, this.#channelAt(c, point), history ? { history } : {});
      const b = point[L.beta[c] as number] as number;
      for (let t = 0; t < n; t++) col[t] = b * (col[t] as number);
      terms.push({ name: this.spec.channels[c]!.name, group: "media", values: col });
    });
    const design = designMatrix(data, this.#basis, { response: false });
    const byTerm = new Map<string, { group: TermGroup; values: Float64Array }>();
    let j = 0;
    design.columns.forEach((col, k) => {
      if (col.group === "media") return;
      const coef = point[L.baselineStart + j] as number;
      j++;
      let term = byTerm.get(col.term);
      if (term === undefined) {
        term = { group: col.group, values: new Float64Array(n) };
        byTerm.set(col.term, term);
      }
      const v = design.values[k] as Float64Array, out = term.values;
      for (let t = 0; t < n; t++) out[t] = (out[t] as number) + coef * (v[t] as number);
    });
    for (const [name, t] of byTerm) terms.push({ name, group: t.group, values: t.values });
    for (let k = 1; k < terms.length; k++) {
      const v = terms[k]!.values;
      for (let t = 0; t < n; t++) fitted[t] = (fitted[t] as number) + (v[t] as number);
    }
    return { dates: data.dates, terms, fitted };
  }

  /** Predicted KPI for `data`, at a draw or at the posterior mean parameters. */
  predict(data: MmmData, options: PredictOptions = {}): Float64Array {
    return this.decompose(data, options).fitted;
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

  /** Plain JSON: spec, scales, summary, sampler statistics and the draws by parameter. */
  toJSON(): unknown {
    return {
      kind: this.kind,
      spec: specToJSON(this.spec),
      level: this.level,
      basis: {
        origin: this.#basis.origin,
        spanDays: this.#basis.spanDays,
        periodDays: this.#basis.periodDays,
      },
      summary: this.summary,
      sampler: this.sampler,
      diagnostics: this.diagnostics,
      draws: Object.fromEntries(
        this.#layout.names.map((name) => [name, Array.from(this.draws(name))]),
      ),
    };
  }

  /** Shows the parameter table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
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
