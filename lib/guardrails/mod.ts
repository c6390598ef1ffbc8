/**
 * Guardrails: the checks every fit and every tuning candidate must pass before its attribution
 * is shown as a finding (a flat or extrapolated media column, a negative baseline, implausible
 * shares or returns, tuned parameters on their bounds). They depend only on the fitted model's
 * interface and the transforms, so estimators, tuning, analysis and the CLI all run the same
 * checks.
 *
 * @module
 */
export * from "./guardrails.ts";
export * from "./limits.ts";
export * from "./measure.ts";
export * from "./warnings_table.ts";
