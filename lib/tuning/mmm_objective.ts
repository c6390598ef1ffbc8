/**
 * The MMM objective the tuner evaluates tens of thousands of times: for one vector of transform
 * parameters and λ, the time-series cross-validated error of the ridge model, its DECOMP.RSSD
 * and, given lift tests, its calibration error MAPE.LIFT, plus each channel's ROAS.
 *
 * The model is exactly `fitRidge`'s (sklearn's `Ridge` on columns centred and standardised on
 * the training rows, intercept unpenalised, media coefficients optionally ≥ 0), but the hot loop
 * never builds a design: everything that does not depend on the parameters (controls, trend,
 * Fourier and event columns, their raw cross-products summed up to every fold boundary) is
 * computed once; per trial only the media columns are transformed (into reused buffers), their
 * cross-products with the fixed columns are accumulated in one pass over the rows, and each
 * fold's standardised Gram matrix is assembled from those sums and solved with `solveRidge`.
 *
 * This module is also the worker-side entry point: it exports `createEvaluator(payload)`.
 *
 * @module
 */
import type { LiftTest, MmmData, ModelSpec, TransformSpec } from "../types.ts";
import type { TimeSplit } from "../analysis/cv.ts";
import { getTransform } from "../transforms/registry.ts";
import type { TransformDescriptor } from "../transforms/descriptor.ts";
import { designBasis, designMatrix } from "../models/design_matrix.ts";
import { rejectChannelFeatures } from "../features/baseline.ts";
import { createRidgeWorkspace, solveRidge } from "../models/ridge_solve.ts";
import { paramKey, type TransformStage } from "../models/param_key.ts";
import type { Evaluator } from "./evaluator.ts";

/** Cross-validation error measure. */
export type CvMetric = "nrmse" | "mse";

/** Everything a worker needs to build the MMM evaluator (structured-cloneable). */
export interface MmmObjectivePayload {
  /** The data (national). */
  readonly data: MmmData;
  /** The spec, with every channel's `scale` filled in. */
  readonly spec: ModelSpec;
  /** Names of the search space's parameters, in order. */
  readonly paramNames: readonly string[];
  /** Cross-validation splits (training and test row ranges). */
  readonly splits: readonly TimeSplit[];
  /** Error measure: NRMSE (RMSE / range of the KPI on the scored rows) or MSE. */
  readonly metric: CvMetric;
  /**
   * `"cv"`: the error is the mean over the splits' test folds (each fit on its training rows);
   * `"in-sample"`: the error of the all-data fit on all rows (Robyn's default, no validation).
   */
  readonly validation: "cv" | "in-sample";
  /** Add DECOMP.RSSD of the all-data fit as an objective. */
  readonly rssd: boolean;
  /** Lift tests; when non-empty MAPE.LIFT is an objective. */
  readonly liftTests: readonly LiftTest[];
  /** Constrain media coefficients to be ≥ 0. */
  readonly nonNegative: boolean;
}

interface ChannelSlot {
  readonly adstock: TransformDescriptor;
  readonly saturation: TransformDescriptor;
  readonly adParams: Record<string, number>;
  readonly satParams: Record<string, number>;
  /** [position in the parameter vector, target record, key] */
  readonly bindings: readonly (readonly [number, Record<string, number>, string])[];
  readonly scaled: Float64Array;
  readonly column: Float64Array;
}

/**
 * Builds the MMM evaluator: objectives `[metric, "rssd"?, "mape.lift"?]`; extras
 * `roas.<channel>` and `fit.nrmse` of the all-data fit, and with cross-validation `cv.mse` and
 * `cv.nrmse`.
 */
export function createEvaluator(payload: unknown): Evaluator {
  const p = payload as MmmObjectivePayload;
  const { data, spec, splits } = p;
  const n = data.dates.length;
  const c = spec.channels.length;
  const paramIndex = new Map(p.paramNames.map((name, i) => [name, i]));

  // --- fixed part: baseline columns and the response -------------------------------------
  rejectChannelFeatures(spec.baseline, spec.channels.map((ch) => ch.name), "tune");
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const baseCols = design.values.filter((_, j) => design.columns[j]?.group !== "media");
  const b = baseCols.length;
  const P = c + b; // model columns: media first, then baseline (as fitRidge orders them)
  const y = design.y as Float64Array;
  // augmented row a_t = [1, x_1 … x_P, y]; raw moments Σ a a' over rows
  const A = P + 2;
  const rowsX = new Float64Array(n * P); // row-major values of all model columns
  for (let t = 0; t < n; t++) {
    for (let k = 0; k < b; k++) rowsX[t * P + c + k] = (baseCols[k] as Float64Array)[t] as number;
  }

  // boundaries: every start/end of a split, plus 0 and n
  const cuts = [
    ...new Set([
      0,
      n,
      ...splits.flatMap((s) => [s.train.start, s.train.end, s.test.start, s.test.end]),
    ]),
  ]
    .sort((u, v) => u - v);
  const nCuts = cuts.length;
  const cutIndex = new Map(cuts.map((v, i) => [v, i]));
  // prefix moments at each cut: M[cut] = Σ_{t < cuts[cut]} a_t a_t'
  const moments = new Float64Array(nCuts * A * A);
  {
    const acc = new Float64Array(A * A), a = new Float64Array(A);
    let cut = 0;
    for (let t = 0; t <= n; t++) {
      while (cut < nCuts && cuts[cut] === t) {
        moments.set(acc, cut * A * A);
        cut++;
      }
      if (t === n) break;
      a[0] = 1;
      for (let k = 0; k < b; k++) a[1 + c + k] = rowsX[t * P + c + k] as number;
      a[A - 1] = y[t] as number;
      // only the fixed entries (1, baseline, y) here; media entries are filled per trial
      for (let i = 0; i < A; i++) {
        if (i >= 1 && i <= c) continue;
        const ai = a[i] as number;
        for (let j = 0; j < A; j++) {
          if (j >= 1 && j <= c) continue;
          acc[i * A + j] = (acc[i * A + j] as number) + ai * (a[j] as number);
        }
      }
    }
  }

  // --- media channels -----------------------------------------------------------------------
  const slots: ChannelSlot[] = spec.channels.map((ch) => {
    const spend = data.channels.find((d) => d.name === ch.name)?.spend as Float64Array;
    const scale = ch.scale as number;
    const adParams: Record<string, number> = { ...ch.adstock.params };
    const satParams: Record<string, number> = { ...ch.saturation.params };
    const bindings: [number, Record<string, number>, string][] = [];
    const bind = (t: TransformSpec, stage: TransformStage, rec: Record<string, number>) => {
      for (const key of Object.keys(getTransform(t.kind).params)) {
        const i = paramIndex.get(paramKey(ch.name, stage, key));
        if (i !== undefined) bindings.push([i, rec, key]);
      }
    };
    bind(ch.adstock, "adstock", adParams);
    bind(ch.saturation, "saturation", satParams);
    return {
      adstock: getTransform(ch.adstock.kind, { family: "adstock" }),
      saturation: getTransform(ch.saturation.kind, { family: "saturation" }),
      adParams,
      satParams,
      bindings,
      scaled: spend.map((v) => v / scale),
      column: new Float64Array(n),
    };
  });
  const lambdaIndex = paramIndex.get("lambda");
  const totalSpend = spec.channels.map((ch) => {
    const s = data.channels.find((d) => d.name === ch.name)?.spend as Float64Array;
    let sum = 0;
    for (let t = 0; t < n; t++) sum += s[t] as number;
    return sum;
  });
  const spendAll = totalSpend.reduce((u, v) => u + v, 0);
  const lifts = p.liftTests.map((lt) => {
    const j = spec.channels.findIndex((ch) => ch.name === lt.channel);
    let r0 = n, r1 = 0;
    data.dates.forEach((d, t) => {
      if (d >= lt.start && d <= lt.end) {
        r0 = Math.min(r0, t);
        r1 = Math.max(r1, t + 1);
      }
    });
    return { j, r0, r1, lift: lt.lift };
  });

  // test-fold response ranges (for NRMSE) and fold layout
  const folds = splits.map((s) => {
    let lo = Infinity, hi = -Infinity;
    for (let t = s.test.start; t < s.test.end; t++) {
      lo = Math.min(lo, y[t] as number);
      hi = Math.max(hi, y[t] as number);
    }
    return {
      a: cutIndex.get(s.train.start) as number,
      b: cutIndex.get(s.train.end) as number,
      testStart: s.test.start,
      testEnd: s.test.end,
      range: hi - lo,
    };
  });

  let yMin = Infinity, yMax = -Infinity;
  for (let t = 0; t < n; t++) {
    yMin = Math.min(yMin, y[t] as number);
    yMax = Math.max(yMax, y[t] as number);
  }
  const crossValidate = p.validation === "cv";

  // --- buffers reused by every trial ----------------------------------------------------------
  const mom = new Float64Array(nCuts * A * A);
  const sums = new Float64Array(A * A);
  const gram = new Float64Array(P * P), xty = new Float64Array(P);
  const means = new Float64Array(P), sds = new Float64Array(P);
  const coef = new Float64Array(P), beta = new Float64Array(P);
  const ws = createRidgeWorkspace(P);
  const nonNegative = new Uint8Array(P);
  if (p.nonNegative) { for (let j = 0; j < c; j++) nonNegative[j] = 1; }
  const ridgeOptions = { nonNegative, out: coef, workspace: ws };
  let lastSse = 0;
  const accRow = new Float64Array(c * A);
  const a = new Float64Array(A);

  /** Fits on rows between cuts ka and kb; writes β (X units) and returns the intercept. */
  function fit(ka: number, kb: number, lambda: number): number {
    const oa = ka * A * A, ob = kb * A * A;
    for (let i = 0; i < A * A; i++) sums[i] = (mom[ob + i] as number) - (mom[oa + i] as number);
    const cnt = sums[0] as number;
    const sy = sums[A - 1] as number;
    for (let j = 0; j < P; j++) {
      const sj = sums[1 + j] as number;
      means[j] = sj / cnt;
      const v = (sums[(1 + j) * A + 1 + j] as number) - sj * sj / cnt;
      const sd = Math.sqrt(Math.max(v, 0) / cnt);
      // a column constant on these rows is centred to zero; scale 1 keeps it harmless
      sds[j] = sd > 1e-12 * (Math.abs(means[j] as number) + 1) ? sd : 1;
    }
    for (let i = 0; i < P; i++) {
      const si = sums[1 + i] as number, di = sds[i] as number;
      xty[i] = ((sums[(1 + i) * A + A - 1] as number) - si * sy / cnt) / di;
      for (let j = i; j < P; j++) {
        const g = ((sums[(1 + i) * A + 1 + j] as number) - si * (sums[1 + j] as number) / cnt) /
          (di * (sds[j] as number));
        gram[i * P + j] = g;
        gram[j * P + i] = g;
      }
    }
    solveRidge(gram, xty, P, lambda, ridgeOptions);
    // residual sum of squares: y_c'y_c − 2 b'Z'y_c + b'Z'Z b
    let bxty = 0, bgb = 0;
    for (let i = 0; i < P; i++) {
      const bi = coef[i] as number;
      bxty += bi * (xty[i] as number);
      let gi = 0;
      for (let j = 0; j < P; j++) gi += (gram[i * P + j] as number) * (coef[j] as number);
      bgb += bi * gi;
    }
    lastSse = Math.max(0, (sums[A * A - 1] as number) - sy * sy / cnt - 2 * bxty + bgb);
    let intercept = sy / cnt;
    for (let j = 0; j < P; j++) {
      const bj = (coef[j] as number) / (sds[j] as number);
      beta[j] = bj;
      intercept -= (means[j] as number) * bj;
    }
    return intercept;
  }

  const objectives = [
    p.metric,
    ...(p.rssd ? ["rssd"] : []),
    ...(lifts.length > 0 ? ["mape.lift"] : []),
  ];
  const extras = [
    ...spec.channels.map((ch) => `roas.${ch.name}`),
    "fit.nrmse",
    ...(crossValidate ? ["cv.mse", "cv.nrmse"] : []),
  ];

  return {
    objectives,
    extras,
    evaluate(params, out) {
      // 1. media columns
      for (let j = 0; j < c; j++) {
        const s = slots[j] as ChannelSlot;
        for (const [i, rec, key] of s.bindings) rec[key] = params[i] as number;
        s.adstock.apply(s.scaled, s.adParams, s.column);
        // the saturation input is in units of the channel's scale after carryover (unit gain)
        const col = s.column,
          gain = (s.adstock.gain as (p: Record<string, number>) => number)(
            s.adParams,
          );
        for (let t = 0; t < n; t++) col[t] = (col[t] as number) / gain;
        s.saturation.apply(col, s.satParams, col);
        for (let t = 0; t < n; t++) rowsX[t * P + j] = col[t] as number;
      }
      const lambda = lambdaIndex === undefined ? 1 : params[lambdaIndex] as number;
      // 2. prefix moments: fixed entries copied, media rows accumulated in one pass
      mom.set(moments);
      accRow.fill(0);
      let cut = 0;
      for (let t = 0; t <= n; t++) {
        while (cut < nCuts && cuts[cut] === t) {
          const o = cut * A * A;
          for (let j = 0; j < c; j++) {
            for (let k = 0; k < A; k++) {
              const v = accRow[j * A + k] as number;
              mom[o + (1 + j) * A + k] = v;
              mom[o + k * A + 1 + j] = v;
            }
          }
          cut++;
        }
        if (t === n) break;
        a[0] = 1;
        const row = t * P;
        for (let k = 0; k < P; k++) a[1 + k] = rowsX[row + k] as number;
        a[A - 1] = y[t] as number;
        for (let j = 0; j < c; j++) {
          const xj = a[1 + j] as number;
          if (xj === 0) continue;
          const o = j * A;
          for (let k = 0; k < A; k++) {
            accRow[o + k] = (accRow[o + k] as number) + xj * (a[k] as number);
          }
        }
      }
      // 3. folds
      let errSum = 0, mseSum = 0, nrmseSum = 0, failed = false;
      for (const f of crossValidate ? folds : []) {
        let intercept: number;
        try {
          intercept = fit(f.a, f.b, lambda);
        } catch {
          failed = true;
          break;
        }
        let ss = 0;
        for (let t = f.testStart; t < f.testEnd; t++) {
          let pred = intercept;
          const row = t * P;
          for (let k = 0; k < P; k++) pred += (beta[k] as number) * (rowsX[row + k] as number);
          const e = (y[t] as number) - pred;
          ss += e * e;
        }
        const mse = ss / (f.testEnd - f.testStart);
        const nr = Math.sqrt(mse) / f.range;
        mseSum += mse;
        nrmseSum += nr;
        errSum += p.metric === "mse" ? mse : nr;
      }
      const k = folds.length;
      // 4. all-data fit: decomposition shares and ROAS
      let ok = !failed;
      if (ok) {
        try {
          fit(0, nCuts - 1, lambda);
        } catch {
          ok = false;
        }
      }
      const fitMse = lastSse / n, fitNrmse = Math.sqrt(fitMse) / (yMax - yMin);
      let o = 0;
      const error = crossValidate ? errSum / k : p.metric === "mse" ? fitMse : fitNrmse;
      out[o++] = ok ? error : Infinity;
      const total = mom.subarray((nCuts - 1) * A * A);
      let effectAll = 0;
      for (let j = 0; j < c; j++) effectAll += (beta[j] as number) * (total[1 + j] as number);
      if (p.rssd) {
        if (!ok || effectAll === 0) out[o++] = Infinity;
        else {
          let ss = 0, zeros = 0;
          for (let j = 0; j < c; j++) {
            const e = (beta[j] as number) * (total[1 + j] as number) / effectAll;
            ss += (e - (totalSpend[j] as number) / spendAll) ** 2;
            if (Math.round(e * 1e4) === 0) zeros++;
          }
          // Robyn's rssd_zero_penalty (R/R/model.R, v3.12)
          out[o++] = Math.sqrt(ss) * (1 + zeros / c);
        }
      }
      if (lifts.length > 0) {
        let ape = 0;
        for (const l of lifts) {
          const col = (slots[l.j] as ChannelSlot).column;
          let s = 0;
          for (let t = l.r0; t < l.r1; t++) s += col[t] as number;
          ape += Math.abs((beta[l.j] as number) * s - l.lift) / Math.abs(l.lift);
        }
        out[o++] = ok ? ape / lifts.length : Infinity;
      }
      for (let j = 0; j < c; j++) {
        out[o++] = ok
          ? (beta[j] as number) * (total[1 + j] as number) / (totalSpend[j] as number)
          : NaN;
      }
      out[o++] = ok ? fitNrmse : Infinity;
      if (crossValidate) {
        out[o++] = ok ? mseSum / k : Infinity;
        out[o++] = ok ? nrmseSum / k : Infinity;
      }
    },
  };
}
