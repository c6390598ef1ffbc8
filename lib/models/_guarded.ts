/**
 * Every linear estimator returns its model with the guardrails' warnings already in
 * `diagnostics` (see `lib/guardrails/guardrails.ts`).
 *
 * @module
 */
import { guardrails } from "../guardrails/guardrails.ts";
import type { GuardrailLimits } from "../guardrails/limits.ts";
import { LinearModel, type LinearModelInit } from "./linear_model.ts";

/** Builds the model, runs the guardrails on it and returns it with their warnings appended. */
export function guardedLinearModel(
  init: LinearModelInit,
  limits: Partial<GuardrailLimits> = {},
): LinearModel {
  const model = new LinearModel(init);
  const warnings = guardrails(model, { limits });
  return warnings.length === 0
    ? model
    : new LinearModel({ ...init, diagnostics: [...init.diagnostics, ...warnings] });
}
