/**
 * Comparing channels under posterior uncertainty: each channel's ROAS per posterior draw, and
 * the probability that one channel's ROAS beats another's — the share of draws in which it does
 * (seed 003's "Social Media has the highest ROAS with 95% confidence"). The draws of all
 * channels come from the same posterior samples, so the comparison keeps their correlation.
 *
 * @module
 */
import { sum } from "../_internal/array.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { Table } from "../display/table.ts";
import type { FittedModel, MmmData } from "../types.ts";
import { drawIndices } from "./roas.ts";

/** Options of {@link roasDraws} and {@link roasProbabilities}. */
export interface RoasDrawsOptions {
  /** Rows to analyse. @default the model's training data */
  readonly data?: MmmData;
  /** Most posterior draws, evenly spaced. @default 400 */
  readonly maxDraws?: number;
}

/**
 * Each channel's ROAS (contribution over the rows per unit of spend) in each posterior draw,
 * in the model's channel order; one value per channel for models without draws.
 *
 * @example A model without draws gives one value per channel
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { roasDraws } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const n = 20;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const tv = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((x) => 10 + 2 * x) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{ name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "identity" } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const draws = roasDraws(fitRidge(data, spec, { lambda: 0 }));
 * assert.equal(draws.get("tv")!.length, 1);
 * ```
 */
export function roasDraws(
  fit: FittedModel,
  options: RoasDrawsOptions = {},
): Map<string, Float64Array> {
  const data = options.data ?? fit.data;
  const draws = drawIndices(fit.nDraws, options.maxDraws ?? 400);
  const picks: (number | undefined)[] = draws.length > 0 ? draws : [undefined];
  const spend = fit.spec.channels.map((ch) =>
    sum(data.channels.find((c) => c.name === ch.name)?.spend ?? new Float64Array())
  );
  const out = new Map(fit.spec.channels.map((ch) => [ch.name, new Float64Array(picks.length)]));
  picks.forEach((draw, i) => {
    const d = fit.decompose(data, draw === undefined ? {} : { draw });
    fit.spec.channels.forEach((ch, j) => {
      const term = d.terms.find((t) => t.group === "media" && t.name === ch.name);
      (out.get(ch.name) as Float64Array)[i] = (term ? sum(term.values) : 0) / (spend[j] as number);
    });
  });
  return out;
}

/** Pairwise probabilities that one channel's ROAS exceeds another's; shows itself as a table. */
export class RoasProbabilities {
  /** Channel names, in the model's order. */
  readonly channels: readonly string[];
  /** `probability[i][j]` = P(ROAS of channel i > ROAS of channel j) over the draws. */
  readonly probability: readonly (readonly number[])[];
  /** P(channel i has the highest ROAS of all). */
  readonly best: readonly number[];
  /** Number of draws the probabilities are counted over. */
  readonly draws: number;

  /** Wraps computed probabilities; prefer {@link roasProbabilities}. */
  constructor(
    channels: readonly string[],
    probability: readonly (readonly number[])[],
    best: readonly number[],
    draws: number,
  ) {
    this.channels = channels;
    this.probability = probability;
    this.best = best;
    this.draws = draws;
  }

  /** P(row > column) for every pair, and P(highest ROAS). */
  toTable(): Table {
    return new Table(
      this.channels.map((c, i) => ({
        "ROAS of": c,
        ...Object.fromEntries(
          this.channels.map((d, j) => [`> ${d}`, i === j ? "" : this.probability[i]![j]]),
        ),
        "P(highest)": this.best[i],
      })),
      { caption: `Probability that one channel's ROAS beats another's (${this.draws} draws)` },
    );
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * For every pair of channels, the share of posterior draws in which the first one's ROAS is
 * higher, and each channel's probability of having the highest ROAS.
 *
 * @param fit A fitted model with posterior draws (a model without draws gives 0 or 1).
 * @param options Rows and number of draws.
 * @returns The probabilities.
 */
export function roasProbabilities(
  fit: FittedModel,
  options: RoasDrawsOptions = {},
): RoasProbabilities {
  const draws = roasDraws(fit, options);
  const names = [...draws.keys()], k = (draws.get(names[0] as string) as Float64Array).length;
  const columns = names.map((c) => draws.get(c) as Float64Array);
  const probability = columns.map((a) =>
    columns.map((b) => {
      let wins = 0;
      for (let i = 0; i < k; i++) if ((a[i] as number) > (b[i] as number)) wins++;
      return wins / k;
    })
  );
  const best = new Array<number>(names.length).fill(0);
  for (let i = 0; i < k; i++) {
    let top = 0;
    for (let j = 1; j < columns.length; j++) {
      if ((columns[j]![i] as number) > (columns[top]![i] as number)) top = j;
    }
    best[top] = (best[top] as number) + 1 / k;
  }
  return new RoasProbabilities(names, probability, best, k);
}
