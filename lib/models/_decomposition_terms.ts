/**
 * The terms of a linear model's decomposition: their order, their sum, and the log-log
 * specification's split of the prediction into media and baseline terms.
 *
 * @module
 */
import type { Term, TermGroup } from "../types.ts";
import type { DesignMatrix } from "./design_matrix.ts";

/** A term's name and group, in decomposition order. */
export interface DecompositionTerm {
  /** Term name. */
  readonly name: string;
  /** Term group. */
  readonly group: TermGroup;
}

/** The row sums of the terms. */
export function sumTerms(terms: readonly Term[], n: number): Float64Array {
  const fitted = new Float64Array(n);
  for (const t of terms) {
    for (let i = 0; i < n; i++) fitted[i] = (fitted[i] as number) + (t.values[i] as number);
  }
  return fitted;
}

const GROUP_ORDER: readonly TermGroup[] = ["trend", "seasonality", "event", "control", "media"];

/**
 * Terms in decomposition order: the intercept, then the design's terms by group (trend,
 * seasonality, events, controls, channels), each group in column order. A shared column (with
 * parts) contributes its parts' terms.
 */
export function termOrder(columns: DesignMatrix["columns"]): DecompositionTerm[] {
  const seen = new Map<string, TermGroup>();
  for (const c of columns) {
    for (const term of c.parts ? c.parts.map((p) => p.term) : [c.term]) {
      if (!seen.has(term)) seen.set(term, c.parts ? "media" : c.group);
    }
  }
  const terms = [...seen.entries()].map(([name, group]) => ({ name, group }));
  return [
    { name: "intercept", group: "intercept" as const },
    ...GROUP_ORDER.flatMap((g) => terms.filter((t) => t.group === g)),
  ];
}

/**
 * The log-log decomposition's terms in KPI units: each channel's term is what its spend adds
 * (`media`: the prediction minus the prediction with the channel's spend at zero); the rest of
 * the prediction is split over the baseline terms in proportion to their share of the baseline
 * linear predictor (all to the intercept where that is 0).
 */
export function logLogTerms(
  order: readonly DecompositionTerm[],
  linear: ReadonlyMap<string, { readonly values: Float64Array }>,
  media: ReadonlyMap<string, Float64Array>,
  fitted: Float64Array,
): Term[] {
  const n = fitted.length;
  const base = order.filter((t) => t.group !== "media");
  const rest = new Float64Array(n), etaBase = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (const v of media.values()) m += v[i] as number;
    rest[i] = (fitted[i] as number) - m;
    let e = 0;
    for (const t of base) {
      e += (linear.get(t.name) as { values: Float64Array }).values[i] as number;
    }
    etaBase[i] = e;
  }
  const terms: Term[] = order.map((t) => {
    if (t.group === "media") {
      return { name: t.name, group: t.group, values: media.get(t.name) as Float64Array };
    }
    const lin = (linear.get(t.name) as { values: Float64Array }).values;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = etaBase[i] as number;
      values[i] = e !== 0
        ? (rest[i] as number) * (lin[i] as number) / e
        : t.name === "intercept"
        ? rest[i] as number
        : 0;
    }
    return { name: t.name, group: t.group, values };
  });
  return terms;
}
