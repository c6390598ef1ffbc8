/**
 * Where each sampled parameter of a Bayesian fit sits in a draw: each channel's coefficient, its
 * free transform parameters, and the first baseline coefficient.
 *
 * @module
 */
import type { BayesParameterInfo } from "./bayes_fit_parts.ts";

/** Where each parameter sits, for prediction from a draw. */
export interface Layout {
  readonly names: readonly string[];
  /** Index of the β of channel c. */
  readonly beta: readonly number[];
  /** Free transform parameters of channel c. */
  readonly free: readonly { family: "adstock" | "saturation"; param: string; index: number }[][];
  /** Index of the first baseline coefficient (they follow in design-column order). */
  readonly baselineStart: number;
}

/** The layout of `params` for a spec with `channels` channels. */
export function parameterLayout(params: readonly BayesParameterInfo[], channels: number): Layout {
  const beta: number[] = [];
  const free: Layout["free"][number][] = Array.from({ length: channels }, () => []);
  let baselineStart = -1;
  params.forEach((p, i) => {
    if (p.group === "media") beta[p.channel as number] = i;
    if (p.group === "adstock" || p.group === "saturation") {
      (free[p.channel as number] as Layout["free"][number]).push({
        family: p.group,
        param: p.param as string,
        index: i,
      });
    }
    if (p.group === "baseline" && baselineStart < 0) baselineStart = i;
  });
  return { names: params.map((p) => p.name), beta, free, baselineStart };
}
