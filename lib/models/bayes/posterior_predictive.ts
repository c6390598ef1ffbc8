/**
 * The posterior predictive check of a Bayesian fit: replicated KPI series against the actual one,
 * ROAS and media share per draw, and each lift test against its replicated measurement, also
 * under the fit without the lift tests (see {@link PredictiveCheck}).
 *
 * @module
 */
import { Rng } from "../../rng.ts";
import type { LiftTest, MmmData } from "../../types.ts";
import type { BayesFit } from "./bayes_fit.ts";
import { PredictiveCheck } from "./predictive_check.ts";
import { bands, coverageOf, drawIndices, interval, liftCheck } from "./_predictive_summary.ts";

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
