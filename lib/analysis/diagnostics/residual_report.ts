/**
 * One table of residual tests with plain-language verdicts.
 *
 * @module
 */
import type { MatrixLike } from "../../_internal/linalg.ts";
import { type Table, table } from "../../display/table.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../../display/jupyter.ts";
import { breuschPagan } from "./breusch_pagan.ts";
import { durbinWatson } from "./durbin_watson.ts";
import { jarqueBera } from "./jarque_bera.ts";
import { ljungBox } from "./ljung_box.ts";

/** Options of {@link residualReport}. */
export interface ResidualReportOptions {
  /** Significance level of the tests. @default 0.05 */
  readonly alpha?: number;
  /** The Ljung–Box lag reported. @default min(10, floor(n / 5)) */
  readonly lag?: number;
}

/** One residual test: its statistic, p-value, verdict and whether it flags a problem. */
export interface ResidualTest {
  /** Which test. */
  readonly test: "Durbin-Watson" | "Ljung-Box" | "Jarque-Bera" | "Breusch-Pagan";
  /** The test statistic. */
  readonly statistic: number;
  /** The p-value (undefined for Durbin–Watson, which has none). */
  readonly pValue: number | undefined;
  /** A sentence a marketer can read. */
  readonly verdict: string;
  /** Whether the test flags a problem: p < alpha, or Durbin–Watson outside (1.5, 2.5). */
  readonly flagged: boolean;
}

/** The residual tests of {@link residualReport}, shown as a table. */
export class ResidualReport {
  /** The tests, in the order Durbin–Watson, Ljung–Box, Jarque–Bera, Breusch–Pagan. */
  readonly rows: readonly ResidualTest[];
  /** Number of residuals. */
  readonly n: number;
  /** Significance level. */
  readonly alpha: number;
  /** Columns of the table view. */
  readonly columns: readonly string[] = ["test", "statistic", "pValue", "verdict"];

  /** Wraps computed tests; use {@link residualReport}. */
  constructor(rows: readonly ResidualTest[], n: number, alpha: number) {
    this.rows = rows;
    this.n = n;
    this.alpha = alpha;
  }

  /** The tests as a table (test, statistic, p-value, verdict). */
  toTable(): Table {
    return table(
      this.rows.map(({ test, statistic, pValue, verdict }) => ({
        test,
        statistic,
        pValue,
        verdict,
      })),
      {
        caption: `Residual tests (${this.n} rows, significance level ${this.alpha})`,
        columns: this.columns,
      },
    );
  }

  /** The table view as HTML. */
  toHtml(): string {
    return this.toTable().toHtml();
  }

  /** Shows the table view in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Runs Durbin–Watson, Ljung–Box, Jarque–Bera and (when regressors are given) Breusch–Pagan on
 * residuals, and returns one row per test with `test`, `statistic`, `pValue` and `verdict`, a
 * sentence a marketer can read, and whether it is `flagged`. Durbin–Watson has no p-value; its verdict uses the rule of thumb
 * 1.5 < d < 2.5.
 *
 * @param residuals Residuals in time order.
 * @param regressors Optional regressors for the Breusch–Pagan test (without a constant column).
 * @param options Significance level and Ljung–Box lag.
 * @returns The tests, displayed as a table.
 * @throws {RangeError} As the individual tests do, or when `alpha` is not in (0, 1).
 *
 * @example Alternating residuals fail the autocorrelation checks
 * ```ts
 * import { residualReport } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const e = Float64Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + (i % 3)));
 * const t = residualReport(e);
 * assert.deepEqual(t.rows.map((r) => r.test), ["Durbin-Watson", "Ljung-Box", "Jarque-Bera"]);
 * assert.match(String(t.rows[0]!.verdict), /negative autocorrelation/);
 * ```
 */
export function residualReport(
  residuals: Float64Array,
  regressors?: MatrixLike,
  options: ResidualReportOptions = {},
): ResidualReport {
  const { alpha = 0.05 } = options;
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`Cannot build the residual report: alpha must be in (0, 1), got ${alpha}`);
  }
  const n = residuals.length;
  const lag = options.lag ?? Math.max(1, Math.min(10, Math.floor(n / 5)));
  const rows: ResidualTest[] = [];

  const dw = durbinWatson(residuals);
  rows.push({
    test: "Durbin-Watson",
    statistic: dw,
    pValue: undefined,
    flagged: dw < 1.5 || dw > 2.5,
    verdict: dw < 1.5
      ? "positive autocorrelation: consecutive errors move together, so the model misses carryover, trend or seasonality"
      : dw > 2.5
      ? "negative autocorrelation: errors flip sign week to week, often a sign of over-fitted lags"
      : "no sign of first-order autocorrelation",
  });

  const lb = ljungBox(residuals, { lags: [lag] })[0]!;
  rows.push({
    test: "Ljung-Box",
    statistic: lb.statistic,
    pValue: lb.pValue,
    flagged: lb.pValue < alpha,
    verdict: lb.pValue < alpha
      ? `errors are autocorrelated within ${lag} periods: some time pattern is left unexplained`
      : `no autocorrelation detected up to lag ${lag}`,
  });

  const jb = jarqueBera(residuals);
  rows.push({
    test: "Jarque-Bera",
    statistic: jb.statistic,
    pValue: jb.pValue,
    flagged: jb.pValue < alpha,
    verdict: jb.pValue < alpha
      ? `errors are not normal (skewness ${jb.skewness.toFixed(2)}, kurtosis ${
        jb.kurtosis.toFixed(2)
      }): look for outliers; p-values and intervals are approximate`
      : "errors look normal",
  });

  if (regressors !== undefined) {
    const bp = breuschPagan(residuals, regressors);
    rows.push({
      test: "Breusch-Pagan",
      statistic: bp.statistic,
      pValue: bp.pValue,
      flagged: bp.pValue < alpha,
      verdict: bp.pValue < alpha
        ? "error size changes with the regressors (heteroscedasticity): standard errors may be too small"
        : "error size does not depend on the regressors",
    });
  }
  return new ResidualReport(rows, n, alpha);
}
