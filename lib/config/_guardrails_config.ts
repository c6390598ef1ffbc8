/**
 * The config's `guardrails` section: the limits that override the guardrails' defaults.
 *
 * @module
 */
import { DEFAULT_GUARDRAIL_LIMITS, type GuardrailLimits } from "../guardrails/limits.ts";
import { fail, number, object } from "./_config_reader.ts";

/** `guardrails`: plausible ranges and identification limits (lib/guardrails/guardrails.ts). */
export function parseGuardrails(value: unknown): Partial<GuardrailLimits> {
  if (value === undefined) return {};
  const g = object(value, "guardrails", [
    "mediaShare",
    "roas",
    "cpa",
    "extrapolation",
    "flatness",
    "baselineR2",
    "shareRatio",
    "intervalRatio",
    "creditRatio",
  ]);
  const out: Record<string, unknown> = {};
  if (g.mediaShare !== undefined) {
    out.mediaShare = pair(g.mediaShare, "guardrails.mediaShare", 0, 1);
  }
  if (g.roas !== undefined) out.roas = pair(g.roas, "guardrails.roas", -Infinity);
  if (g.cpa !== undefined) out.cpa = pair(g.cpa, "guardrails.cpa", 0);
  for (const k of ["extrapolation", "flatness", "baselineR2"] as const) {
    if (g[k] !== undefined) out[k] = number(g[k], `guardrails.${k}`, 0, 1);
  }
  for (const k of ["shareRatio", "intervalRatio"] as const) {
    if (g[k] !== undefined) out[k] = number(g[k], `guardrails.${k}`, 1);
  }
  if (g.creditRatio !== undefined) {
    // `credit-uncertain` looks at ratios from creditRatio up to shareRatio: above it the check
    // could never fire, and at 0 it would flag every channel with a wide interval
    const shareRatio = (out.shareRatio as number | undefined) ??
      DEFAULT_GUARDRAIL_LIMITS.shareRatio;
    const c = g.creditRatio;
    if (typeof c !== "number" || !Number.isFinite(c) || !(c > 0) || c > shareRatio) {
      fail(
        "guardrails.creditRatio",
        `must be a number above 0 and at most guardrails.shareRatio (${shareRatio}), got ${
          JSON.stringify(c)
        }: it is the effect share / spend share from which credit-uncertain checks the interval`,
      );
    }
    out.creditRatio = c;
  }
  return out as Partial<GuardrailLimits>;
}

/** A `[lower, upper]` range with lower ≤ upper, both from `min` to `max`. */
function pair(value: unknown, key: string, min: number, max = Infinity): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) fail(key, "must be a [lower, upper] pair");
  const lo = number(value[0], `${key}[0]`, min, max), hi = number(value[1], `${key}[1]`, min, max);
  if (!(lo <= hi)) fail(key, `must have lower <= upper, got [${lo}, ${hi}]`);
  return [lo, hi];
}
