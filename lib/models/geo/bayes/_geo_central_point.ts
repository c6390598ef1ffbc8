/**
 * Where the geo model's chains start their search for the mode: every coordinate at its prior's
 * median (a Beta prior's mean), each channel's national ROAS at its prior median, every geo on
 * the national effect (ζ = 0), the geo levels' sd at the spread of the geos' mean KPI and σ at
 * half the KPI's standard deviation within geos.
 *
 * @module
 */
import { type Prior, unconstrain } from "../../bayes/priors.ts";
import type { GeoLayout } from "./_geo_layout.ts";
import type { GeoPosteriorInput } from "./geo_posterior_input.ts";

function median(q: Prior): number {
  switch (q.dist) {
    case "normal":
    case "lognormal":
      return q.mu;
    case "halfnormal":
      return Math.log(0.6744897501960817 * q.sigma);
    case "beta":
      return unconstrain(q, q.lower + (q.upper - q.lower) * q.a / (q.a + q.b));
  }
}

/** The central point (unconstrained coordinates) of the geo posterior. */
export function centralGeoPoint(
  input: GeoPosteriorInput,
  layout: GeoLayout,
  priors: readonly Prior[],
): Float64Array {
  const theta = Float64Array.from(priors, median);
  layout.media.forEach((i, c) => {
    theta[i] = (theta[i] as number) - (layout.logRoasFactor[c] as number);
  });
  const { y, geos: G, weeks: T } = input;
  const means = Float64Array.from({ length: G }, (_, g) => {
    let m = 0;
    for (let t = 0; t < T; t++) m += (y[g * T + t] as number) / T;
    return m;
  });
  let grand = 0, between = 0, within = 0;
  for (const m of means) grand += m / G;
  for (const m of means) between += (m - grand) ** 2 / G;
  for (let i = 0; i < y.length; i++) {
    within += ((y[i] as number) - (means[Math.floor(i / T)] as number)) ** 2;
  }
  within /= y.length;
  theta[layout.geoIntercept] = Math.log(Math.max(Math.sqrt(between), 1e-3));
  theta[layout.sigma] = Math.log(Math.max(0.5 * Math.sqrt(within), 1e-3));
  return theta;
}
