/**
 * Preparing a Bayesian fit: the response scaled by its mean absolute value, spend by each
 * channel's scale, baseline regressors standardised, priors of the log-log specification moved
 * to the scaled log KPI, fixed parameters and lift tests checked and placed on the rows.
 *
 * @module
 */
import { ConfigError, MmmDataError } from "../../errors.ts";
import { getTransform } from "../../transforms/registry.ts";
import type { LiftTest, MmmData, ModelSpec } from "../../types.ts";
import { type DesignBasis, designBasis, designMatrix } from "../design_matrix.ts";
import type { PosteriorLiftTest } from "./posterior_input.ts";
import type { Prior } from "./priors.ts";
import type { BayesChainJob, BayesOptions } from "./fit_bayes.ts";
import { resolveLiftTests } from "./lift_tests.ts";
import { rejectChannelFeatures } from "../../features/baseline.ts";

/** A fit prepared for sampling: the scaled inputs and everything to map draws back. */
export interface Prepared {
  readonly basis: DesignBasis;
  readonly job: BayesChainJob;
  readonly chains: number;
  readonly seed: number;
  readonly yScale: number;
  readonly centre: readonly number[];
  readonly spread: readonly number[];
  readonly level: number;
  readonly maxTreeDepth: number;
  /** Iterations per chain (warmup + draws). */
  readonly perChain: number;
  /** The lift tests in the likelihood (KPI units). */
  readonly liftTests: readonly LiftTest[];
}

/**
 * Scales the data and builds the chain job of a Bayesian fit (see `fit_bayes.ts` for the
 * scaling), checking options, fixed parameters and lift tests.
 */
export function prepare(data: MmmData, spec: ModelSpec, options: BayesOptions): Prepared {
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
  rejectChannelFeatures(spec.baseline, spec.channels.map((c) => c.name), "fit Bayesian model");
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const y = design.y as Float64Array, n = y.length;
  let yScale = 0;
  for (let t = 0; t < n; t++) yScale += Math.abs(y[t] as number);
  yScale /= n;
  if (!(yScale > 0)) {
    throw new MmmDataError(
      `Cannot fit Bayesian model: response "${data.kpi.name}" is zero on every row`,
      { column: data.kpi.name },
    );
  }
  const fixed = resolveFixed(basis.spec, options.fixed ?? []);
  const linear = basis.spec.specification === "linear";
  const channels = basis.spec.channels.map((c) => {
    const spend = data.channels.find((d) => d.name === c.name)?.spend as Float64Array;
    const scale = c.scale as number;
    let mean = 0;
    for (let t = 0; t < n; t++) mean += (spend[t] as number) / n;
    return {
      name: c.name,
      x: spend.map((v) => v / scale),
      adstock: c.adstock,
      saturation: c.saturation,
      fixed: fixed.get(c.name) ?? [],
      ...(linear ? { roasFactor: yScale / mean } : {}),
    };
  });
  const liftTests = resolveLiftTests(data, basis.spec, options.liftTests ?? [], "liftTests")
    .map((lt): PosteriorLiftTest => ({
      ...lt,
      lift: lt.lift / yScale,
      standardError: lt.standardError / yScale,
    }));
  if (liftTests.length > 0 && !linear) {
    throw new ConfigError("Cannot fit Bayesian model: lift tests need the linear specification", {
      key: "liftTests",
      hint: 'use specification "linear" or drop the lift tests',
    });
  }
  const centre: number[] = [], spread: number[] = [];
  const baseline = design.columns.flatMap((col, j) => {
    if (col.group === "media") return [];
    const v = design.values[j] as Float64Array;
    let m = 0;
    for (let t = 0; t < n; t++) m += v[t] as number;
    m /= n;
    let s = 0;
    for (let t = 0; t < n; t++) s += ((v[t] as number) - m) ** 2;
    s = Math.sqrt(s / n);
    if (!(s > 0)) s = 1;
    centre.push(m);
    spread.push(s);
    return [{ name: col.name, values: v.map((x) => (x - m) / s) }];
  });
  const maxTreeDepth = options.maxTreeDepth ?? 10;
  return {
    basis,
    job: {
      input: { y: y.map((v) => v / yScale), channels, baseline, liftTests },
      posterior: {
        priors: linear ? (options.priors ?? {}) : elasticityPriors(options.priors ?? {}, yScale),
        ...(options.fixTransforms !== undefined ? { fixTransforms: options.fixTransforms } : {}),
      },
      nuts: {
        warmup: options.warmup ?? 1000,
        draws: options.draws ?? 1000,
        maxTreeDepth,
        targetAccept: options.targetAccept ?? 0.8,
        metric: options.metric ?? "dense",
      },
      init: options.init ?? "mode",
    },
    chains: options.chains ?? 4,
    seed: options.seed ?? 0,
    yScale,
    centre,
    spread,
    level,
    maxTreeDepth,
    perChain: (options.warmup ?? 1000) + (options.draws ?? 1000),
    liftTests: options.liftTests ?? [],
  };
}

/**
 * Priors of the log-log specification on the scaled log KPI (log KPI / its mean, s_y): a
 * channel's coefficient (an elasticity of the KPI to log1p of adstocked scaled spend) is divided
 * by s_y, default HalfNormal(0.2) in elasticity units (three channels at their median
 * elasticity and mean spend take about a quarter of the KPI); the mean log baseline defaults to
 * Normal(mean log KPI, 0.3) in log units, the level of the KPI without media within ×0.55 to
 * ×1.8 of its geometric mean (the linear specification's Normal(1, 0.5) would be 0.5·s_y log
 * points wide: media could take the whole level).
 */
function elasticityPriors(
  priors: Readonly<Record<string, Prior>>,
  yScale: number,
): Record<string, Prior> {
  const out: Record<string, Prior> = {
    coefficient: { dist: "halfnormal", sigma: 0.2 / yScale },
    intercept: { dist: "normal", mu: 1, sigma: 0.3 / yScale },
  };
  for (const [k, p] of Object.entries(priors)) {
    if (k !== "coefficient" && !k.endsWith(".coefficient")) out[k] = p;
    else if (p.dist === "halfnormal") out[k] = { dist: "halfnormal", sigma: p.sigma / yScale };
    else if (p.dist === "lognormal") {
      out[k] = { dist: "lognormal", mu: p.mu - Math.log(yScale), sigma: p.sigma };
    } else out[k] = p; // rejected with its key by the posterior
  }
  return out;
}

/** `"<channel>.<param>"` names → the fixed parameter names of each channel (checked). */
function resolveFixed(spec: ModelSpec, names: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  names.forEach((name, i) => {
    const ch = spec.channels.find((c) => name.startsWith(`${c.name}.`));
    const param = ch ? name.slice(ch.name.length + 1) : "";
    const known = ch !== undefined &&
      (param in getTransform(ch.adstock.kind).params ||
        param in getTransform(ch.saturation.kind).params);
    if (!known) {
      throw new ConfigError(
        `Cannot fit Bayesian model: "${name}" is not a transform parameter of the spec`,
        { key: `fixed[${i}]`, hint: 'name it "<channel>.<param>", e.g. "tv.decay"' },
      );
    }
    out.set(ch.name, [...(out.get(ch.name) ?? []), param]);
  });
  return out;
}
