/**
 * The config's `model` section: the estimator and its settings (penalty, Bayesian sampling and
 * priors, tree sizes).
 *
 * @module
 */
import { type Prior, resolvePrior } from "../models/bayes/priors.ts";
import { fail, flag, integer, number, object, oneOf, record } from "./_config_reader.ts";

/** The estimators `model.kind` may name. */
export const MODEL_KINDS = [
  "ridge",
  "ols",
  "elasticnet",
  "lasso",
  "random-forest",
  "gradient-boosting",
  "bayes-linear",
  "bayes",
] as const;

/** The estimator and its settings. */
export interface ModelConfig {
  /** Estimator. */
  readonly kind: (typeof MODEL_KINDS)[number];
  /**
   * Penalty strength (ridge, elastic net, lasso); tuned when tuning is on and this is absent,
   * and for lasso chosen by time-series cross-validation when absent.
   */
  readonly lambda?: number;
  /** Elastic net mixing (1 = lasso). */
  readonly l1Ratio: number;
  /** Media coefficients ≥ 0. */
  readonly nonNegative: boolean;
  /** Bayesian: chains, warmup and kept draws per chain. */
  readonly chains: number;
  /** Bayesian warmup iterations per chain. */
  readonly warmup: number;
  /** Bayesian kept draws per chain. */
  readonly draws: number;
  /**
   * Bayesian prior overrides by key (`"roas"`, `"tv.roas"`, `"decay"`, `"tv.decay"`,
   * `"intercept"`, …; see README "Bayesian priors").
   */
  readonly priors: Readonly<Record<string, Prior>>;
  /** Trees: random forest trees (default 200) or boosting stages (default 100). */
  readonly trees?: number;
  /** Trees: maximum depth (default unlimited for random forest, 3 for boosting). */
  readonly maxDepth?: number;
  /** Gradient boosting shrinkage. */
  readonly learningRate: number;
}

/** `model`: ridge with non-negative media by default; tree keys only for the tree kinds. */
export function parseModel(value: unknown): ModelConfig {
  const m = value === undefined ? {} : object(value, "model", [
    "kind",
    "lambda",
    "l1Ratio",
    "nonNegative",
    "chains",
    "warmup",
    "draws",
    "priors",
    "trees",
    "maxDepth",
    "learningRate",
  ]);
  flag(m.nonNegative, "model.nonNegative");
  const model: ModelConfig = {
    kind: m.kind === undefined ? "ridge" : oneOf(m.kind, "model.kind", MODEL_KINDS),
    l1Ratio: m.l1Ratio === undefined ? 0.5 : number(m.l1Ratio, "model.l1Ratio", 0, 1),
    nonNegative: m.nonNegative === undefined ? true : m.nonNegative as boolean,
    chains: m.chains === undefined ? 4 : integer(m.chains, "model.chains", 1, 64),
    warmup: m.warmup === undefined ? 1000 : integer(m.warmup, "model.warmup", 10, 100_000),
    draws: m.draws === undefined ? 1000 : integer(m.draws, "model.draws", 10, 100_000),
    priors: m.priors === undefined ? {} : priors(m.priors, "model.priors"),
    learningRate: m.learningRate === undefined
      ? 0.1
      : number(m.learningRate, "model.learningRate", 1e-6, 1),
    ...(m.lambda === undefined ? {} : { lambda: number(m.lambda, "model.lambda", 0) }),
    ...(m.trees === undefined ? {} : { trees: integer(m.trees, "model.trees", 1, 5000) }),
    ...(m.maxDepth === undefined ? {} : { maxDepth: integer(m.maxDepth, "model.maxDepth", 1, 64) }),
  };
  checkTreeKeys(m, model.kind);
  return model;
}

/** Tree keys given for a kind they do not apply to are an error. */
function checkTreeKeys(m: Record<string, unknown>, kind: ModelConfig["kind"]): void {
  const treeKeys = ["trees", "maxDepth", "learningRate"].filter((k) => m[k] !== undefined);
  const allowed = kind === "gradient-boosting"
    ? treeKeys
    : kind === "random-forest"
    ? ["trees", "maxDepth"]
    : [];
  for (const k of treeKeys) {
    if (!allowed.includes(k)) {
      fail(`model.${k}`, `does not apply to model.kind "${kind}"`);
    }
  }
}

/** `model.priors`: prior overrides by key, each checked by the prior's own rules. */
function priors(value: unknown, key: string): Record<string, Prior> {
  const o = record(value, key);
  const out: Record<string, Prior> = {};
  for (const [k, v] of Object.entries(o)) out[k] = resolvePrior(v as Prior, `${key}.${k}`);
  return out;
}
