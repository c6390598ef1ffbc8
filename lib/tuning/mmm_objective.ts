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
import { paramKey, type TransformStage } from "../models/param_key.ts";
import type { Evaluator } from "./evaluator.ts";
import {
  addMediaMoments,
  fixedPrefixMoments,
  type MomentLayout,
  MomentRidge,
} from "./_moment_ridge.ts";

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

/** One channel's transforms, the parameters a trial writes into them, and its buffers. */
function channelSlots(
  data: MmmData,
  spec: ModelSpec,
  paramIndex: ReadonlyMap<string, number>,
): ChannelSlot[] {
  const n = data.dates.length;
  return spec.channels.map((ch) => {
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
}

/** Each lift test's channel and row range [r0, r1). */
function liftWindows(data: MmmData, spec: ModelSpec, liftTests: readonly LiftTest[]) {
  const n = data.dates.length;
  return liftTests.map((lt) => {
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
}

/** Each split's training cuts, test rows and the KPI's range on them (for NRMSE). */
function foldLayout(
  splits: readonly TimeSplit[],
  y: Float64Array,
  cutIndex: ReadonlyMap<number, number>,
) {
  return splits.map((s) => {
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
}

/** Transforms every channel's spend with the trial's parameters into its column of `rowsX`. */
function writeMediaColumns(
  slots: readonly ChannelSlot[],
  params: ArrayLike<number>,
  layout: MomentLayout,
): void {
  const { n, P, rowsX } = layout;
  for (let j = 0; j < slots.length; j++) {
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
}

/** The baseline columns and response in a moment layout, media columns first and still 0. */
function momentLayout(data: MmmData, spec: ModelSpec, splits: readonly TimeSplit[]) {
  rejectChannelFeatures(spec.baseline, spec.channels.map((ch) => ch.name), "tune");
  const n = data.dates.length;
  const c = spec.channels.length;
  const design = designMatrix(data, designBasis(data, spec));
  const baseCols = design.values.filter((_, j) => design.columns[j]?.group !== "media");
  const b = baseCols.length;
  const P = c + b; // model columns: media first, then baseline (as fitRidge orders them)
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
  const layout: MomentLayout = { n, c, P, rowsX, y: design.y as Float64Array, cuts };
  return { layout, cutIndex: new Map(cuts.map((v, i) => [v, i])) };
}

/**
 * Builds the MMM evaluator: objectives `[metric, "rssd"?, "mape.lift"?]`; extras
 * `roas.<channel>` and `fit.nrmse` of the all-data fit, and with cross-validation `cv.mse` and
 * `cv.nrmse`.
 */
export function createEvaluator(payload: unknown): Evaluator {
  const p = payload as MmmObjectivePayload;
  const { data, spec, splits } = p;
  const { layout, cutIndex } = momentLayout(data, spec, splits);
  const { n, c, P, rowsX, y } = layout;
  const A = P + 2, nCuts = layout.cuts.length;
  const moments = fixedPrefixMoments(layout);
  const slots = channelSlots(data, spec, new Map(p.paramNames.map((name, i) => [name, i])));
  const lambdaIndex = p.paramNames.indexOf("lambda");
  const totalSpend = spec.channels.map((ch) => {
    const s = data.channels.find((d) => d.name === ch.name)?.spend as Float64Array;
    let sum = 0;
    for (let t = 0; t < n; t++) sum += s[t] as number;
    return sum;
  });
  const spendAll = totalSpend.reduce((u, v) => u + v, 0);
  const lifts = liftWindows(data, spec, p.liftTests);
  const folds = foldLayout(splits, y, cutIndex);
  let yMin = Infinity, yMax = -Infinity;
  for (let t = 0; t < n; t++) {
    yMin = Math.min(yMin, y[t] as number);
    yMax = Math.max(yMax, y[t] as number);
  }
  const crossValidate = p.validation === "cv";
  const mom = new Float64Array(nCuts * A * A);
  const ridge = new MomentRidge(P, c, p.nonNegative);
  const beta = ridge.beta;
  const fit = (ka: number, kb: number, lambda: number) => ridge.fit(mom, ka, kb, lambda);

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
      writeMediaColumns(slots, params, layout);
      const lambda = lambdaIndex < 0 ? 1 : params[lambdaIndex] as number;
      // 2. prefix moments: fixed entries copied, media rows accumulated in one pass
      addMediaMoments(layout, moments, mom);
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
      const fitMse = ridge.sse / n, fitNrmse = Math.sqrt(fitMse) / (yMax - yMin);
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
