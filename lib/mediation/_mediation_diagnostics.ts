/**
 * What a mediation fit reports besides its effects: the two-stage fit's findings, stage 1's
 * error structure (a lag-1 autocorrelation test, or the AR(1) coefficient it was fitted with) and
 * the causal graph's checks of both stages' regressors.
 *
 * @module
 */
import type { Diagnostic, MmmData } from "../types.ts";
import type { DenseMatrix } from "../_internal/linalg.ts";
import type { runTwoStage } from "./_two_stage.ts";
import type { MediationDesign, MediationInputs, MediationSettings } from "./_mediation_design.ts";

/** The two-stage fit's findings, stage 1's error structure, and the causal graph's checks. */
export function mediationDiagnostics(
  data: MmmData,
  options: MediationInputs,
  settings: MediationSettings,
  design: MediationDesign,
  run: ReturnType<typeof runTwoStage>,
): Diagnostic[] {
  const { whitened, starts, cols, rest1 } = design;
  const stage1Errors = settings.stage1Errors;
  const diagnostics: Diagnostic[] = [...run.diagnostics];
  if (stage1Errors === "independent") {
    const r1 = lagOneAutocorrelation(residuals(whitened.x, whitened.y, run.fit1.coef), starts);
    if (Math.abs(r1.value) > 2.5 / Math.sqrt(r1.pairs)) {
      diagnostics.push({
        level: "warning",
        code: "stage1-autocorrelated",
        message: `Stage 1 residuals have lag-1 autocorrelation ${
          r1.value.toFixed(3)
        } (beyond ±2.5/√${r1.pairs}): OLS standard errors, and the normal and Monte Carlo intervals of the indirect effects, are too narrow; fit stage 1 with stage1Errors "ar1"`,
        subject: options.mediator,
      });
    }
  }
  if (stage1Errors === "ar1") {
    diagnostics.push({
      level: "info",
      code: "stage1-ar1",
      message: `Stage 1 errors have lag-1 autocorrelation ${
        whitened.rho.toFixed(3)
      } (Prais-Winsten)`,
      subject: options.mediator,
    });
  }
  if (options.dag !== undefined) {
    const seen = new Set<string>();
    const regressors2 = [...new Set(cols.map((c) => c.term))];
    const regressors1 = [...options.upstream, ...new Set(rest1.map((r) => r.c.term))];
    for (const u of options.upstream) {
      const found = [
        ...options.dag.checkRegressors(u, data.kpi.name, regressors2, { effect: "direct" }),
        ...options.dag.checkRegressors(u, options.mediator, regressors1),
      ];
      for (const d of found) {
        const key = `${d.code}|${d.message}`;
        if (!seen.has(key)) {
          seen.add(key);
          diagnostics.push(d);
        }
      }
    }
  }
  return diagnostics;
}

/** y − X·coef for a row-major design. */
function residuals(x: DenseMatrix, y: Float64Array, coef: Float64Array): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let f = 0;
    for (let j = 0; j < x.cols; j++) f += (x.data[i * x.cols + j] as number) * (coef[j] as number);
    out[i] = (y[i] as number) - f;
  }
  return out;
}

/**
 * Lag-1 autocorrelation Σ e_t·e_{t−1} / Σ e_t² of residuals, pairing rows within a series only
 * (`starts[t]` = 1 where a geo begins), and the number of pairs: under independent errors it is
 * about normal with sd 1/√pairs (Box & Jenkins 1976, §2.1.6).
 */
function lagOneAutocorrelation(
  e: Float64Array,
  starts: Uint8Array,
): { value: number; pairs: number } {
  let num = 0, den = 0, pairs = 0;
  for (let i = 0; i < e.length; i++) {
    den += (e[i] as number) ** 2;
    if (i === 0 || starts[i] === 1) continue;
    num += (e[i] as number) * (e[i - 1] as number);
    pairs++;
  }
  return { value: den > 0 ? num / den : 0, pairs: Math.max(1, pairs) };
}
