/**
 * Decomposition helpers of a Bayesian fit: the additive KPI terms of a log-link prediction, and
 * the term-by-term average of per-draw decompositions.
 *
 * @module
 */
import type { Decomposition, MmmData, Term } from "../../types.ts";

/**
 * The decomposition of a log-link prediction exp(η) into additive KPI terms, as for mixlab's
 * linear estimators: a channel's term is the prediction minus the prediction with that
 * channel's spend (and history) set to zero; the remainder is split over the baseline terms in
 * proportion to their share of the baseline linear predictor.
 *
 * @param data The rows.
 * @param terms The linear predictor's terms (log KPI), intercept first.
 * @param eta Their sum.
 * @param predictZeroed Prediction for data (and history) with one channel's spend zeroed.
 * @param history Rows before `data`, for carryover.
 */
export function logLinkDecomposition(
  data: MmmData,
  terms: readonly Term[],
  eta: Float64Array,
  predictZeroed: (data: MmmData, history: MmmData | undefined) => Float64Array,
  history: MmmData | undefined,
): Decomposition {
  const n = eta.length, fitted = eta.map(Math.exp);
  const zero = (m: MmmData, name: string): MmmData => ({
    ...m,
    channels: m.channels.map((ch) =>
      ch.name === name ? { name: ch.name, spend: new Float64Array(ch.spend.length) } : ch
    ),
  });
  const rest = Float64Array.from(fitted), etaBase = new Float64Array(n);
  const out: Term[] = terms.map((term) => {
    if (term.group !== "media") {
      for (let t = 0; t < n; t++) {
        etaBase[t] = (etaBase[t] as number) + (term.values[t] as number);
      }
      return term;
    }
    const cf = predictZeroed(zero(data, term.name), history && zero(history, term.name));
    const values = fitted.map((v, t) => v - (cf[t] as number));
    for (let t = 0; t < n; t++) rest[t] = (rest[t] as number) - (values[t] as number);
    return { name: term.name, group: term.group, values };
  });
  const split = out.map((term): Term => {
    if (term.group === "media") return term;
    const values = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const e = etaBase[t] as number;
      values[t] = e !== 0
        ? ((rest[t] as number) * (term.values[t] as number)) / e
        : term.group === "intercept"
        ? (rest[t] as number)
        : 0;
    }
    return { name: term.name, group: term.group, values };
  });
  return { dates: data.dates, terms: split, fitted };
}

/** Term-by-term average of decompositions of the same rows (same terms in the same order). */
export function averageDecompositions(parts: readonly Decomposition[]): Decomposition {
  const first = parts[0] as Decomposition, k = parts.length, n = first.fitted.length;
  const mean = (pick: (d: Decomposition) => Float64Array) => {
    const out = new Float64Array(n);
    for (const d of parts) {
      const v = pick(d);
      for (let t = 0; t < n; t++) out[t] = (out[t] as number) + (v[t] as number) / k;
    }
    return out;
  };
  return {
    dates: first.dates,
    terms: first.terms.map((term, j) => ({
      name: term.name,
      group: term.group,
      values: mean((d) => (d.terms[j] as Term).values),
    })),
    fitted: mean((d) => d.fitted),
  };
}
