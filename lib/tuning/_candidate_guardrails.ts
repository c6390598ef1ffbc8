/**
 * The guardrail measures of one tuning candidate, computed from the evaluator's buffers (no
 * design, no refit): effect shares, flatness and extrapolation of each media column, negative
 * baseline rows and media share, and how many ranking checks (`CANDIDATE_CHECKS`) it fails.
 *
 * @module
 */
import type { MmmData, ModelSpec } from "../types.ts";
import { CANDIDATE_CHECKS, type GuardrailLimits, guardrailLimits } from "../guardrails/limits.ts";
import type { ChannelMeasures } from "../guardrails/measure.ts";
import { failedChannelChecks, failedModelChecks } from "../guardrails/guardrails.ts";
import type { MomentLayout } from "./_moment_ridge.ts";

/** The candidate extras' names, the limits, and the per-channel measures buffer. */
export function candidateMeasures(spec: ModelSpec, limits: Partial<GuardrailLimits> = {}) {
  return {
    extras: [
      ...spec.channels.map((ch) => `share.${ch.name}`),
      ...spec.channels.map((ch) => `extrapolation.${ch.name}`),
      ...spec.channels.map((ch) => `flatness.${ch.name}`),
      "baseline.negative",
      "media.share",
      "guard.failures",
    ],
    limits: guardrailLimits(limits),
    measured: spec.channels.map((ch): ChannelMeasures => ({
      channel: ch.name,
      spend: 0,
      contribution: 0,
      roas: 0,
      effectShare: 0,
      spendShare: 0,
      flatness: 1,
      extrapolation: 0,
      baselineR2: 0,
    })),
  };
}

/** What the guardrails need from one trial's all-data fit (buffers of the evaluator). */
export interface GuardrailInputs {
  readonly layout: MomentLayout;
  readonly beta: Float64Array;
  readonly intercept: number;
  /** Raw moments Σ a a' of the augmented rows [1, x, y] over every row. */
  readonly total: Float64Array;
  readonly uStats: Float64Array;
  readonly totalSpend: readonly number[];
  readonly spendAll: number;
  readonly effectAll: number;
  readonly kpiKind: MmmData["kpiKind"];
  readonly limits: GuardrailLimits;
  readonly measured: ChannelMeasures[];
}

/**
 * Writes the guardrail extras of one trial from `out[o]` on (effect shares, extrapolation and
 * flatness per channel, share of negative-baseline rows, media share, ranking failures) and
 * returns the next position. `ok` false (the fit failed) writes NaN and Infinity failures.
 */
export function writeGuardrailMeasures(
  g: GuardrailInputs,
  ok: boolean,
  out: Float64Array,
  o: number,
) {
  const { n, c, P, rowsX } = g.layout;
  const A = P + 2, beta = g.beta, total = g.total, measured = g.measured;
  let negative = 0, fittedSum = 0;
  for (let t = 0; t < n; t++) {
    let base = g.intercept;
    const row = t * P;
    for (let kk = c; kk < P; kk++) base += (beta[kk] as number) * (rowsX[row + kk] as number);
    if (base < 0) negative++;
    fittedSum += base;
  }
  fittedSum += g.effectAll;
  for (let j = 0; j < c; j++) {
    const sum = total[1 + j] as number, mean = sum / n, contribution = (beta[j] as number) * sum;
    const sd = Math.sqrt(Math.max(0, (total[(1 + j) * A + 1 + j] as number) / n - mean * mean));
    const cvU = (g.uStats[2 * j + 1] as number) / (g.uStats[2 * j] as number);
    let min = Infinity;
    for (let t = 0; t < n; t++) min = Math.min(min, rowsX[t * P + j] as number);
    const spend = g.totalSpend[j] as number;
    measured[j] = {
      ...(measured[j] as ChannelMeasures),
      spend,
      contribution,
      roas: contribution / spend,
      effectShare: g.effectAll !== 0 ? contribution / g.effectAll : 0,
      spendShare: spend / g.spendAll,
      flatness: mean > 0 && cvU > 0 ? sd / mean / cvU : 1,
      extrapolation: mean > 0 ? Math.max(0, min) / mean : 0,
    };
  }
  const ranked = (codes: readonly string[]) =>
    codes.filter((code) => CANDIDATE_CHECKS.has(code)).length;
  let failures = ok
    ? ranked(failedModelChecks(
      { negativeBaselineRows: negative, mediaShare: g.effectAll / fittedSum },
      g.limits,
    ))
    : 0;
  for (const m of measured) out[o++] = ok ? m.effectShare : NaN;
  for (const m of measured) out[o++] = ok ? m.extrapolation : NaN;
  for (const m of measured) out[o++] = ok ? m.flatness : NaN;
  for (const m of measured) {
    failures += ok ? ranked(failedChannelChecks(m, g.kpiKind, g.limits)) : 0;
  }
  out[o++] = ok ? negative / n : NaN;
  out[o++] = ok ? g.effectAll / fittedSum : NaN;
  out[o++] = ok ? failures : Infinity;
  return o;
}
