/**
 * Summaries of a Bayesian fit's draws: the posterior summary rows, the fitted transform
 * parameters (posterior means and 90% intervals of the sampled ones, fixed ones as given), the
 * spec at those values, and the convergence findings.
 *
 * @module
 */
import type { Diagnostic, FittedTransformParam, ModelSpec } from "../../types.ts";
import { quantileSorted } from "../../_internal/quantile.ts";
import { essBulk, essTail, rhat } from "./convergence.ts";
import { Table } from "../../display/table.ts";
import type {
  BayesParameterInfo,
  PosteriorSummaryRow,
  SamplerRecord,
  SamplerSummary,
} from "./bayes_fit_parts.ts";

/**
 * Per parameter: mean, sd, central interval at `level`, median, and (with at least 4 draws per
 * chain) rank-normalised R-hat, bulk and tail ESS; and the means alone.
 */
export function summarizeDraws(
  params: readonly BayesParameterInfo[],
  draws: Float64Array,
  chains: number,
  level: number,
): { summary: PosteriorSummaryRow[]; means: Float64Array } {
  const dim = params.length, nDraws = draws.length / dim, per = nDraws / chains;
  const lowP = (1 - level) / 2;
  const means = new Float64Array(dim);
  const summary: PosteriorSummaryRow[] = [];
  for (let j = 0; j < dim; j++) {
    const perChain: Float64Array[] = [];
    for (let k = 0; k < chains; k++) {
      const a = new Float64Array(per);
      for (let i = 0; i < per; i++) a[i] = draws[(k * per + i) * dim + j] as number;
      perChain.push(a);
    }
    const all = new Float64Array(nDraws);
    perChain.forEach((a, k) => all.set(a, k * per));
    let m = 0;
    for (const v of all) m += v;
    m /= all.length;
    let v2 = 0;
    for (const v of all) v2 += (v - m) ** 2;
    const sd = Math.sqrt(v2 / Math.max(1, all.length - 1));
    means[j] = m;
    all.sort();
    const enough = per >= 4;
    summary.push({
      name: params[j]!.name,
      group: params[j]!.group,
      mean: m,
      sd,
      lower: quantileSorted(all, lowP),
      median: quantileSorted(all, 0.5),
      upper: quantileSorted(all, 1 - lowP),
      rhat: enough ? rhat(perChain) : NaN,
      essBulk: enough ? essBulk(perChain) : NaN,
      essTail: enough ? essTail(perChain) : NaN,
    });
  }
  return { summary, means };
}

/** The spec's transform parameters, sampled ones summarised from their draws. */
export function transformSummary(
  spec: ModelSpec,
  params: readonly BayesParameterInfo[],
  draws: Float64Array,
): FittedTransformParam[] {
  const dim = params.length, nDraws = draws.length / dim;
  return spec.channels.flatMap((ch, c) =>
    (["adstock", "saturation"] as const).flatMap((stage) =>
      Object.entries(ch[stage].params).map(([name, value]): FittedTransformParam => {
        const j = params.findIndex((p) => p.channel === c && p.group === stage && p.param === name);
        const base = { channel: ch.name, stage, kind: ch[stage].kind, name };
        if (j < 0) return { ...base, value, status: "fixed" };
        const v = new Float64Array(nDraws);
        let mean = 0;
        for (let i = 0; i < nDraws; i++) {
          v[i] = draws[i * dim + j] as number;
          mean += v[i] as number;
        }
        v.sort();
        return {
          ...base,
          value: mean / nDraws,
          interval: [quantileSorted(v, 0.05), quantileSorted(v, 0.95)],
          status: "estimated",
        };
      })
    )
  );
}

/** The spec with each channel's transform parameters set to the given values. */
export function withValues(spec: ModelSpec, values: readonly FittedTransformParam[]): ModelSpec {
  return {
    ...spec,
    channels: spec.channels.map((ch) => {
      const pick = (stage: "adstock" | "saturation") => ({
        kind: ch[stage].kind,
        params: Object.fromEntries(
          values.filter((p) => p.channel === ch.name && p.stage === stage).map((
            p,
          ) => [p.name, p.value]),
        ),
      });
      return { ...ch, adstock: pick("adstock"), saturation: pick("saturation") };
    }),
  };
}

/** The convergence findings of a fit: an info line, and warnings for divergences, high R-hat and low ESS. */
export function convergenceDiagnostics(
  summary: readonly PosteriorSummaryRow[],
  s: SamplerSummary,
): Diagnostic[] {
  const out: Diagnostic[] = [{
    level: "info",
    code: "bayes-convergence",
    message: `${s.chains} chains × ${s.drawsPerChain} draws: max R-hat ${s.rhatMax.toFixed(3)}, ` +
      `min bulk ESS ${Math.round(s.essBulkMin)}, min tail ESS ${Math.round(s.essTailMin)}, ` +
      `${s.divergences} divergent transitions`,
  }];
  if (s.divergences > 0) {
    out.push({
      level: "warning",
      code: "bayes-divergences",
      message: `${s.divergences} transitions diverged after warmup; the posterior may be biased. ` +
        "Raise targetAccept (e.g. 0.95) or tighten the priors",
    });
  }
  for (const r of summary) {
    if (r.rhat > 1.01) {
      out.push({
        level: "warning",
        code: "bayes-rhat-high",
        message:
          `R-hat of "${r.name}" is ${r.rhat.toFixed(3)} (above 1.01): the chains disagree; ` +
          "run longer or tighten its prior",
        subject: r.name,
      });
    }
    const minEss = 100 * s.chains;
    if (Math.min(r.essBulk, r.essTail) < minEss) {
      out.push({
        level: "warning",
        code: "bayes-ess-low",
        message:
          `Effective sample size of "${r.name}" is ${Math.round(Math.min(r.essBulk, r.essTail))} ` +
          `(below ${minEss}); intervals are imprecise, draw more`,
        subject: r.name,
      });
    }
  }
  if (s.treeDepthHits > 0) {
    out.push({
      level: "info",
      code: "bayes-max-treedepth",
      message: `${s.treeDepthHits} transitions hit the maximum tree depth; sampling is slow ` +
        "but not biased",
    });
  }
  return out;
}

/** The sampler's statistics with the convergence summary (max R-hat, min bulk and tail ESS). */
export function samplerSummary(
  summary: readonly PosteriorSummaryRow[],
  chains: number,
  per: number,
  record: SamplerRecord,
): SamplerSummary {
  const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
  const rhats = finite(summary.map((s) => s.rhat));
  return Object.freeze({
    chains,
    drawsPerChain: per,
    divergences: record.divergences,
    treeDepthHits: record.treeDepthHits,
    rhatMax: rhats.length > 0 ? Math.max(...rhats) : NaN,
    essBulkMin: Math.min(...finite(summary.map((s) => s.essBulk))),
    essTailMin: Math.min(...finite(summary.map((s) => s.essTail))),
    stepSizes: Object.freeze([...record.stepSizes]),
    meanLeapfrogSteps: record.meanLeapfrogSteps,
  });
}

/** The posterior summary as a table: mean, sd, central interval, R-hat, bulk and tail ESS. */
export function summaryTable(
  summary: readonly PosteriorSummaryRow[],
  sampler: SamplerSummary,
  level: number,
): Table {
  return new Table(
    summary.map((s) => ({
      parameter: s.name,
      mean: s.mean,
      sd: s.sd,
      [`${Math.round(((1 - level) / 2) * 100)}%`]: s.lower,
      [`${Math.round((1 - (1 - level) / 2) * 100)}%`]: s.upper,
      rhat: s.rhat,
      ess_bulk: s.essBulk,
      ess_tail: s.essTail,
    })),
    {
      caption: `Bayesian MMM: ${sampler.chains} chains × ${sampler.drawsPerChain} ` +
        `draws, ${sampler.divergences} divergences, max R-hat ` +
        `${sampler.rhatMax.toFixed(3)}`,
    },
  );
}
