/**
 * Private helpers that turn replicates into effect summaries.
 *
 * @module
 */
import type { EffectSet, EffectSummary } from "./effects.ts";
import { quantileSorted } from "../_internal/quantile.ts";

/** Summarises replicates: `estimate` given, sd of the replicates, equal-tailed percentiles. */
export function summarizeReplicates(
  estimate: number,
  replicates: Float64Array,
  level: number,
): EffectSummary {
  const n = replicates.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += replicates[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((replicates[i] as number) - mean) ** 2;
  const sorted = Float64Array.from(replicates).sort();
  const tail = (1 - level) / 2;
  return {
    estimate,
    stdError: Math.sqrt(ss / Math.max(1, n - 1)),
    lower: quantileSorted(sorted, tail),
    upper: quantileSorted(sorted, 1 - tail),
  };
}

/** Multiplies an effect summary by a constant (flipping the interval when it is negative). */
export function scaleSummary(s: EffectSummary, k: number): EffectSummary {
  const a = s.lower * k, b = s.upper * k;
  return {
    estimate: s.estimate * k,
    stdError: s.stdError * Math.abs(k),
    lower: Math.min(a, b),
    upper: Math.max(a, b),
  };
}

/** Multiplies every effect of a set by a constant. */
export function scaleSet(set: EffectSet, k: number): EffectSet {
  return {
    direct: scaleSummary(set.direct, k),
    indirect: scaleSummary(set.indirect, k),
    total: scaleSummary(set.total, k),
  };
}
