/**
 * The guardrails' codes and plausibility limits, with their defaults (README, "Guardrails").
 *
 * @module
 */
/** The codes the guardrails emit (see the table in the module doc). */
export const GUARDRAIL_CODES: ReadonlySet<string> = new Set([
  "flat-column",
  "extrapolated-effect",
  "baseline-collinear",
  "negative-baseline",
  "media-share",
  "roas-range",
  "share-mismatch",
  "credit-uncertain",
  "param-on-bound",
]);

/**
 * The checks that rank a tuning candidate behind sound ones: a near-constant media column, a
 * negative baseline, an implausible media share or ROAS. These describe fits no analyst would
 * accept. `extrapolated-effect` and `baseline-collinear` only warn: they describe what the data
 * cannot tell apart, which holds for the true model too (on the bundled demo data the true radio
 * and search curves credit 51% and 59% of their contribution below their lowest observed spend),
 * so ranking on them would bias the choice towards less concave curves and lower ROAS.
 */
export const CANDIDATE_CHECKS: ReadonlySet<string> = new Set([
  "flat-column",
  "negative-baseline",
  "media-share",
  "roas-range",
]);

/** Plausibility limits of the guardrails; every field can be set in the config (`guardrails`). */
export interface GuardrailLimits {
  /** Plausible share of the predicted KPI that paid media drives, `[lower, upper]`. */
  readonly mediaShare: readonly [number, number];
  /** Plausible ROAS of any channel, `[lower, upper]` (revenue KPIs). */
  readonly roas: readonly [number, number];
  /** Plausible CPA of any channel, `[lower, upper]` (conversion KPIs); unchecked when absent. */
  readonly cpa?: readonly [number, number];
  /** Largest acceptable share of a channel's contribution below its lowest observed input. */
  readonly extrapolation: number;
  /** Smallest acceptable CV(column) / CV(saturation input): below it the column is flat. */
  readonly flatness: number;
  /** Largest acceptable R² of a channel's column on the baseline terms. */
  readonly baselineR2: number;
  /** Effect share / spend share beyond which (or below whose inverse) the interval is checked. */
  readonly shareRatio: number;
  /**
   * Widest acceptable ROAS interval, as upper / lower, for a channel beyond `shareRatio`
   * (`share-mismatch`) or credited at least its spend share (`credit-uncertain`).
   */
  readonly intervalRatio: number;
  /**
   * Effect share / spend share at or above which (up to `shareRatio`) a channel with an interval
   * wider than `intervalRatio` gets `credit-uncertain`: credited at least about its spend share on
   * data that cannot tell that share from half of it.
   */
  readonly creditRatio: number;
}

/**
 * The default limits. The plausible ranges are wide on purpose (a ROAS of 20 or media driving
 * 80% of the KPI is rare, not impossible); the identification limits are set from the recovery
 * study (README, "Guardrails").
 */
export const DEFAULT_GUARDRAIL_LIMITS: GuardrailLimits = Object.freeze({
  mediaShare: Object.freeze([0, 0.8]) as readonly [number, number],
  roas: Object.freeze([0, 20]) as readonly [number, number],
  // recovery study (README, "Guardrails"): ridge's median |ROAS error| is 8.5% on channels
  // with under 5% of their effect below the lowest input and 30–96% above 10%, on the study
  // sets and on fresh ones; at 0.6 the warning named 1 of 49 channels more than 50% off
  extrapolation: 0.1,
  flatness: 0.15,
  baselineR2: 0.9,
  shareRatio: 2,
  intervalRatio: 2.4,
  creditRatio: 0.9,
});

/** The limits with defaults filled in. */
export function guardrailLimits(limits: Partial<GuardrailLimits> = {}): GuardrailLimits {
  const out: GuardrailLimits = { ...DEFAULT_GUARDRAIL_LIMITS };
  for (const [k, v] of Object.entries(limits)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}
