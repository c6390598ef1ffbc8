/**
 * Prior against posterior for each channel of a Bayesian fit: its ROAS (or coefficient) and its
 * transform parameters, with the prior's median and 90% interval (from 4,000 seeded prior
 * draws), the posterior mean and 90% interval, and how much the data narrowed the interval. A
 * ratio near 1 means the data taught little: that number restates the prior.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../../display/jupyter.ts";
import { quantileSorted } from "../../_internal/quantile.ts";
import { Table } from "../../display/table.ts";
import { Rng } from "../../rng.ts";
import type { BayesFit } from "./bayes_fit.ts";
import type { PredictiveCheck } from "./predictive_check.ts";
import { type Prior, samplePrior } from "./priors.ts";

/** One parameter's prior and posterior. */
export interface PriorPosteriorRow {
  /** Channel name. */
  readonly channel: string;
  /** `"roas"`, `"coefficient"` or a transform parameter's name. */
  readonly parameter: string;
  /** Prior median and 90% interval. */
  readonly prior: { readonly median: number; readonly lower: number; readonly upper: number };
  /** Posterior mean and 90% interval. */
  readonly posterior: { readonly mean: number; readonly lower: number; readonly upper: number };
  /** Posterior interval width over prior interval width. */
  readonly widthRatio: number;
}

/** Prior against posterior per channel; shows itself as a table. */
export class PriorPosterior {
  /** One row per channel and parameter. */
  readonly rows: readonly PriorPosteriorRow[];

  /** Wraps computed rows; prefer {@link priorPosterior}. */
  constructor(rows: readonly PriorPosteriorRow[]) {
    this.rows = rows;
  }

  /** The rows as a table. */
  toTable(): Table {
    const f = (v: number) => +v.toPrecision(3);
    return new Table(
      this.rows.map((r) => ({
        channel: r.channel,
        parameter: r.parameter,
        "prior median": f(r.prior.median),
        "prior 90%": `[${f(r.prior.lower)}, ${f(r.prior.upper)}]`,
        "posterior mean": f(r.posterior.mean),
        "posterior 90%": `[${f(r.posterior.lower)}, ${f(r.posterior.upper)}]`,
        "width / prior width": f(r.widthRatio),
      })),
      { caption: "Prior against posterior per channel (90% intervals)" },
    );
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

function priorSummary(prior: Prior, rng: Rng): PriorPosteriorRow["prior"] {
  const v = Float64Array.from({ length: 4000 }, () => samplePrior(prior, rng)).sort();
  return {
    median: quantileSorted(v, 0.5),
    lower: quantileSorted(v, 0.05),
    upper: quantileSorted(v, 0.95),
  };
}

/**
 * Prior against posterior for every channel's ROAS (or coefficient) and sampled transform
 * parameter of a fit (see the module doc).
 *
 * @param fit A Bayesian fit (made with this version's priors recorded).
 * @param posterior The fit's posterior predictive check (`posteriorPredictive(fit)`), whose
 * per-channel ROAS intervals the ROAS rows show.
 * @param options Seed of the prior draws. @default { seed: 0 }
 * @returns The rows, as a table in Jupyter.
 */
export function priorPosterior(
  fit: BayesFit,
  posterior: PredictiveCheck,
  options: { readonly seed?: number } = {},
): PriorPosterior {
  const rng = new Rng(options.seed ?? 0);
  const params = fit.transformParams();
  const rows: PriorPosteriorRow[] = [];
  for (const record of fit.priors) {
    const prior = priorSummary(record.prior, rng);
    let channel: string, parameter: string, summary: PriorPosteriorRow["posterior"];
    if (record.mediaPrior !== undefined) {
      channel = record.name;
      parameter = record.mediaPrior;
      const roas = posterior.roas.find((r) => r.channel === channel)?.roas;
      if (record.mediaPrior === "roas" && roas !== undefined) summary = roas;
      else {
        const draws = Float64Array.from(fit.draws(channel)).sort();
        let mean = 0;
        for (const d of draws) mean += d / draws.length;
        summary = { mean, lower: quantileSorted(draws, 0.05), upper: quantileSorted(draws, 0.95) };
      }
    } else {
      const p = params.find((q) => `${q.channel}.${q.name}` === record.name);
      if (p === undefined || p.interval === undefined) continue;
      channel = p.channel;
      parameter = p.name;
      summary = { mean: p.value, lower: p.interval[0], upper: p.interval[1] };
    }
    rows.push({
      channel,
      parameter,
      prior,
      posterior: summary,
      widthRatio: (summary.upper - summary.lower) / (prior.upper - prior.lower),
    });
  }
  return new PriorPosterior(rows);
}
