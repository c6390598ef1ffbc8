/**
 * `result.json`: the machine-readable result of a configured run, with stable snake_case names
 * that automation can depend on (documented in the README). Built from a {@link ModelSummary}.
 *
 * @module
 */
import type { FittedTransformParam, TransformParamStatus, TransformSpec } from "../types.ts";
import type { DataQualityReport } from "../prep/quality_report.ts";
import { VERSION } from "../version.ts";
import type { ModelSummary } from "../analysis/model_summary.ts";

/** One channel of `result.json`. */
export interface ResultChannel {
  /** Channel name. */
  readonly name: string;
  /** Total spend over the training weeks. */
  readonly spend: number;
  /** Total contribution to the KPI. */
  readonly contribution: number;
  /** Return on ad spend: contribution / spend. */
  readonly roas: number;
  /** Marginal ROAS at the current spend. */
  readonly mroas: number;
  /** Cost per acquisition: spend / contribution. */
  readonly cpa: number;
  /** Share of the total media contribution. */
  readonly effect_share: number;
  /** Share of the total media spend. */
  readonly spend_share: number;
  /** The fitted adstock and saturation, and the spend scale. */
  readonly params: {
    readonly adstock: ResultTransform;
    readonly saturation: ResultTransform;
    readonly scale: number | undefined;
  };
  /** Central 90% interval of the ROAS (draw-based fits). */
  readonly roas_ci90?: readonly [number, number];
  /** Central 90% interval of the marginal ROAS. */
  readonly mroas_ci90?: readonly [number, number];
  /** Central 90% interval of the contribution. */
  readonly contribution_ci90?: readonly [number, number];
}

/** Where `result.json`'s intervals come from. */
export interface ResultIntervals {
  /** `"posterior"` (Bayesian draws) or `"block-bootstrap"` (classical fits). */
  readonly method: "posterior" | "block-bootstrap";
  /** Draws or bootstrap replicates used. */
  readonly samples: number;
  /** Whether each bootstrap replicate re-tuned the transforms (tuned fits). */
  readonly retuned: boolean;
}

/** One warning of `result.json` (`diagnostics.warnings`). */
export interface ResultWarning {
  /** Stable code, e.g. `"flat-column"` (README lists them). */
  readonly code: string;
  /** `"warning"`: a number it names should not be used as is; `"info"`: worth knowing. */
  readonly level: "info" | "warning";
  /** The channel (or column, parameter) concerned, or null for the model as a whole. */
  readonly channel: string | null;
  /** What is wrong, in words a marketer can read. */
  readonly message: string;
  /** What to do about it, or null. */
  readonly hint: string | null;
}

/**
 * A fitted transform in `result.json`: kind and parameter values (posterior means for sampled
 * parameters), how each value was set, and 90% intervals where the fit has them.
 */
export interface ResultTransform extends TransformSpec {
  /** `"fixed"`, `"tuned"` or `"estimated"` per parameter. */
  readonly status: Readonly<Record<string, TransformParamStatus>>;
  /** Central 90% posterior interval per estimated parameter. */
  readonly ci90?: Readonly<Record<string, readonly [number, number]>>;
}

/** A channel's fitted transform of one stage, from the model's transform parameters. */
function resultTransform(
  kind: string,
  params: readonly FittedTransformParam[],
): ResultTransform {
  const ci = params.filter((p) => p.interval !== undefined);
  return {
    kind,
    params: Object.fromEntries(params.map((p) => [p.name, p.value])),
    status: Object.fromEntries(params.map((p) => [p.name, p.status])),
    ...(ci.length > 0
      ? { ci90: Object.fromEntries(ci.map((p) => [p.name, p.interval as [number, number]])) }
      : {}),
  };
}

/** The whole `result.json`. */
export interface ResultJson {
  /** The mixlab version that wrote the file. */
  readonly mixlab_version: string;
  /** The run's seed. */
  readonly seed: number;
  /** Wall-clock seconds of the run. */
  readonly seconds: number;
  /** Estimator kind, posterior draws (0 for point fits), what the values are, and intervals. */
  readonly model: {
    readonly kind: string;
    readonly n_draws: number;
    /**
     * What the point values are: one fit (`"point"`), the mean over models re-tuned on bootstrap
     * replicates (`"bagged"`), or the posterior mean (`"posterior-mean"`).
     */
    readonly estimate: "point" | "bagged" | "posterior-mean";
    /** Where the `*_ci90` intervals come from, or null without intervals. */
    readonly intervals: ResultIntervals | null;
  };
  /** The KPI column and its kind. */
  readonly kpi: { readonly name: string; readonly kind: string };
  /** One entry per media channel. */
  readonly channels: readonly ResultChannel[];
  /** Fit quality: in-sample, holdout and cross-validation scores. */
  readonly fit: {
    readonly r2_train: number;
    readonly rmse_train: number;
    readonly r2_holdout: number | null;
    readonly rmse_holdout: number | null;
    readonly mae_holdout: number | null;
    readonly mape_holdout: number | null;
    readonly cv: {
      readonly folds: number;
      readonly rmse: number;
      readonly mae: number;
      readonly mape: number;
      readonly r2: number;
    } | null;
    readonly nrmse: number;
    readonly decomp_rssd: number;
  };
  /** Weekly decomposition: actual, fitted, baseline and each channel's and term's contribution. */
  readonly decomposition: {
    readonly dates: readonly string[];
    readonly actual: readonly number[];
    readonly fitted: readonly number[];
    readonly baseline: readonly number[];
    readonly channels: Readonly<Record<string, readonly number[]>>;
    readonly terms: Readonly<Record<string, readonly number[]>>;
  };
  /** Residual tests, VIFs, warnings and, where computed, stability and sampler checks. */
  readonly diagnostics: {
    readonly residual_tests: readonly {
      readonly test: string;
      readonly statistic: number | null;
      readonly p_value: number | null;
      readonly verdict: string;
    }[];
    readonly vif: Readonly<Record<string, number>>;
    readonly warnings: readonly ResultWarning[];
    readonly residual_acf: readonly number[];
    readonly stability?: {
      readonly windows: readonly {
        readonly start: string;
        readonly end: string;
        readonly roas: Readonly<Record<string, number>>;
      }[];
      readonly summary: readonly {
        readonly channel: string;
        readonly mean: number;
        readonly sd: number;
        readonly cv: number;
        readonly min: number;
        readonly max: number;
        readonly sign_changes: boolean;
      }[];
    };
    readonly rhat_max?: number;
    readonly ess_bulk_min?: number;
    readonly divergences?: number;
  };
  /** Each channel's response curve and its current operating point. */
  readonly response_curves: readonly {
    readonly channel: string;
    readonly spend: readonly number[];
    readonly response: readonly number[];
    readonly current: {
      readonly spend: number;
      readonly response: number;
      readonly roas: number;
      readonly mroas: number;
    };
  }[];
  /** The data-quality report of the loaded data. */
  readonly data_quality?: ReturnType<DataQualityReport["toJSON"]>;
  /** The mediation analysis, when configured. */
  readonly mediation?: unknown;
  /** The budget allocation, when configured. */
  readonly allocation?: unknown;
  /** The posterior predictive check, for Bayesian fits. */
  readonly posterior_predictive?: unknown;
}

/** Options of {@link resultJson}. */
export interface ResultJsonOptions {
  /** The seed of the run. */
  readonly seed: number;
  /** Wall-clock seconds of the run. */
  readonly seconds: number;
  /** Mediation result (its JSON form), when configured. @default undefined */
  readonly mediation?: unknown;
  /** Budget allocation (its JSON form), when run. @default undefined */
  readonly allocation?: unknown;
  /** Bootstrap behind the intervals of a classical fit. @default undefined */
  readonly bootstrap?: { readonly replicates: number; readonly retuned: boolean };
  /** Posterior predictive check of a Bayesian fit (its JSON form). @default undefined */
  readonly posteriorPredictive?: unknown;
  /** What prep checked and changed, week by week. @default undefined */
  readonly quality?: DataQualityReport;
}

const finiteOrNull = (v: number | undefined): number | null =>
  v === undefined || !Number.isFinite(v) ? null : v;

/**
 * Builds the `result.json` object of a summarised model.
 *
 * @example The result.json of a noise-free fit
 * ```ts
 * import { defineModelSpec, fitRidge, resultJson, summarizeModel } from "mixlab";
 * import assert from "node:assert/strict";
 * // sales = 10 + 4 · tv spend, no carryover, no saturation: every unit of tv returns 4
 * const tv = new Float64Array([1, 3, 0, 2, 5, 4]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{
 *     name: "tv",
 *     adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" },
 *   }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = fitRidge(data, spec, { lambda: 0 });
 * const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
 * const json = resultJson(summarizeModel(fit), { seed: 1, seconds: 0 });
 * assert.equal(JSON.parse(JSON.stringify(json)).response_curves[0].channel, "tv");
 * ```
 */
export function resultJson(summary: ModelSummary, options: ResultJsonOptions): ResultJson {
  const fit = summary.fit;
  const d = summary.decomposition;
  const m = summary.metrics;
  const fitted = fit.transformParams();
  const channels = fit.spec.channels.map((spec, j): ResultChannel => {
    const own = (stage: "adstock" | "saturation") =>
      fitted.filter((p) => p.channel === spec.name && p.stage === stage);
    const r = summary.returns.channels[j]!;
    const share = d.channels.find((c) => c.channel === spec.name);
    const base: ResultChannel = {
      name: spec.name,
      spend: r.spend,
      contribution: r.contribution.value,
      roas: r.roas.value,
      mroas: r.mroas.value,
      cpa: r.cpa.value,
      effect_share: share?.effectShare ?? 0,
      spend_share: share?.spendShare ?? 0,
      params: {
        adstock: resultTransform(spec.adstock.kind, own("adstock")),
        saturation: resultTransform(spec.saturation.kind, own("saturation")),
        scale: spec.scale,
      },
    };
    if (r.roas.lower === undefined) return base;
    return {
      ...base,
      roas_ci90: [r.roas.lower, r.roas.upper!],
      mroas_ci90: [r.mroas.lower!, r.mroas.upper!],
      contribution_ci90: [r.contribution.lower!, r.contribution.upper!],
    };
  });
  const media = d.terms.filter((t) => t.group === "media");
  const c = fit.convergence;
  return {
    mixlab_version: VERSION,
    seed: options.seed,
    seconds: options.seconds,
    model: {
      kind: fit.kind,
      n_draws: fit.nDraws,
      estimate: options.bootstrap?.retuned
        ? "bagged"
        : fit.nDraws > 0 && !options.bootstrap
        ? "posterior-mean"
        : "point",
      intervals: summary.returns.level === undefined ? null : options.bootstrap
        ? {
          method: "block-bootstrap",
          samples: options.bootstrap.replicates,
          retuned: options.bootstrap.retuned,
        }
        : { method: "posterior", samples: Math.min(fit.nDraws, 200), retuned: false },
    },
    kpi: { name: fit.data.kpi.name, kind: fit.data.kpiKind },
    channels,
    fit: {
      r2_train: m.r2Train,
      rmse_train: m.rmseTrain,
      r2_holdout: finiteOrNull(m.r2Holdout),
      rmse_holdout: finiteOrNull(m.rmseHoldout),
      mae_holdout: finiteOrNull(m.maeHoldout),
      mape_holdout: finiteOrNull(m.mapeHoldout),
      cv: m.cv ?? null,
      nrmse: m.nrmse,
      decomp_rssd: m.decompRssd,
    },
    decomposition: {
      dates: d.dates,
      actual: Array.from(fit.data.kpi.values),
      fitted: Array.from(d.fitted),
      baseline: Array.from(d.baseline()),
      channels: Object.fromEntries(media.map((t) => [t.name, Array.from(t.values)])),
      terms: Object.fromEntries(
        d.terms.filter((t) => t.group !== "media").map((t) => [t.name, Array.from(t.values)]),
      ),
    },
    diagnostics: {
      residual_tests: summary.residuals.rows.map((r) => ({
        test: r.test,
        statistic: r.statistic,
        p_value: r.pValue ?? null,
        verdict: r.verdict,
      })),
      vif: Object.fromEntries((summary.vif?.rows ?? []).map((r) => [r.name, r.vif])),
      warnings: summary.warnings.map((w) => ({
        code: w.code,
        level: w.level,
        channel: w.subject ?? null,
        message: w.message,
        hint: w.hint ?? null,
      })),
      residual_acf: Array.from(summary.residualPlots.acf),
      ...(summary.stability
        ? {
          stability: {
            windows: summary.stability.windows,
            summary: summary.stability.summary.map((s) => ({
              channel: s.name,
              mean: s.mean,
              sd: s.sd,
              cv: s.cv,
              min: s.min,
              max: s.max,
              sign_changes: s.signChanges,
            })),
          },
        }
        : {}),
      ...(c ? { rhat_max: c.rhatMax, ess_bulk_min: c.essBulkMin, divergences: c.divergences } : {}),
    },
    response_curves: summary.curves.curves.map((rc) => ({
      channel: rc.channel,
      spend: Array.from(rc.spend),
      response: Array.from(rc.response),
      current: rc.current,
    })),
    ...(options.quality === undefined ? {} : { data_quality: options.quality.toJSON() }),
    ...(options.mediation === undefined ? {} : { mediation: options.mediation }),
    ...(options.allocation === undefined ? {} : { allocation: options.allocation }),
    ...(options.posteriorPredictive === undefined
      ? {}
      : { posterior_predictive: options.posteriorPredictive }),
  };
}
