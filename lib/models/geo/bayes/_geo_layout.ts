/**
 * The geo posterior's coordinates: which parameter each one is, the prior it carries (the
 * defaults, or the override of the most specific key), and each channel's kernel.
 *
 * Order: per channel its media coordinate (log R), log η, the G standard normals ζ_g and its
 * free transform parameters; then the shared regressors, the sd of the geo levels, the sd of the
 * geo trends (with geo trends) and σ.
 *
 * @module
 */
import { ConfigError } from "../../../errors.ts";
import { defaultPriors } from "../../bayes/default_priors.ts";
import type { Prior } from "../../bayes/priors.ts";
import { priorOverrides } from "../../bayes/_posterior_inputs.ts";
import { transformParameters } from "../../bayes/transform_priors.ts";
import { GeoChannelKernel } from "./_geo_channel_kernel.ts";
import type {
  GeoParameter,
  GeoPosteriorInput,
  GeoPosteriorOptions,
} from "./geo_posterior_input.ts";

/** The default sd of the log per-geo effects around the national one (Meridian's η prior). */
export const DEFAULT_ETA_PRIOR: Prior = Object.freeze({ dist: "halfnormal", sigma: 0.3 });

const STANDARD_NORMAL: Prior = Object.freeze({ dist: "normal", mu: 0, sigma: 1 });

/** Where each parameter sits among the coordinates. */
export interface GeoLayout {
  /** The coordinates, in order. */
  readonly parameters: readonly GeoParameter[];
  /** The channels' kernels. */
  readonly kernels: GeoChannelKernel[];
  /** Per channel: coordinate of log R, of log η, of ζ_0 and of the first free parameter. */
  readonly media: Int32Array;
  readonly eta: Int32Array;
  readonly zeta: Int32Array;
  readonly freeStart: Int32Array;
  /** log of each channel's ROAS factor. */
  readonly logRoasFactor: Float64Array;
  /** Coordinate of the first shared regressor. */
  readonly baselineStart: number;
  /** Coordinates of the geo levels' sd, the geo trends' sd (−1 without) and σ. */
  readonly geoIntercept: number;
  readonly geoTrend: number;
  readonly sigma: number;
}

/**
 * The coordinates of the geo posterior with their priors, and the channel kernels.
 *
 * @throws {ConfigError} For a prior no parameter takes, an invalid prior, or a transform the geo
 * model has no kernel for.
 */
export function geoLayout(input: GeoPosteriorInput, options: GeoPosteriorOptions): GeoLayout {
  const overrides = options.priors ?? {}, G = input.geos, n = input.y.length;
  const defaults = defaultPriors(input.y, input.baseline.length);
  const spread = defaults.sigma.dist === "halfnormal" ? defaults.sigma.sigma : 1;
  const params: GeoParameter[] = [];
  const lookup = priorOverrides(overrides, "Cannot fit the geo Bayesian model");
  const prior = lookup.prior;
  const nc = input.channels.length;
  const media = new Int32Array(nc), eta = new Int32Array(nc), zeta = new Int32Array(nc);
  const freeStart = new Int32Array(nc), logRoasFactor = new Float64Array(nc);
  const kernels = input.channels.map((ch, c) => {
    if (ch.x.length !== n) {
      throw new RangeError(
        `Cannot build the geo posterior: channel "${ch.name}" has ${ch.x.length} rows, the KPI ${n}`,
      );
    }
    const kernel = new GeoChannelKernel(
      ch.name,
      ch.x,
      G,
      ch.adstock,
      ch.saturation,
      options.fixTransforms ? "all" : new Set(ch.fixed ?? []),
    );
    logRoasFactor[c] = Math.log(ch.roasFactor);
    media[c] = params.length;
    const roas = prior([`${ch.name}.roas`, "roas"], defaults.roas);
    if (roas.prior.dist !== "lognormal" && roas.prior.dist !== "halfnormal") {
      throw new ConfigError(
        `Cannot fit the geo Bayesian model: the ROAS prior of channel "${ch.name}" must be on positive values`,
        {
          channel: ch.name,
          key: `priors.${roas.key}`,
          hint: 'use a "lognormal" or "halfnormal" prior',
        },
      );
    }
    params.push({ name: ch.name, group: "media", channel: c, ...roas });
    eta[c] = params.length;
    const e = prior([`${ch.name}.eta`, "eta"], DEFAULT_ETA_PRIOR);
    if (e.prior.dist !== "halfnormal" && e.prior.dist !== "lognormal") {
      throw new ConfigError(
        `Cannot fit the geo Bayesian model: the η prior of channel "${ch.name}" must be on positive values`,
        {
          channel: ch.name,
          key: `priors.${e.key}`,
          hint: 'use a "halfnormal" or "lognormal" prior',
        },
      );
    }
    params.push({ name: `${ch.name}.eta`, group: "eta", channel: c, ...e });
    zeta[c] = params.length;
    for (let g = 0; g < G; g++) {
      params.push({
        name: `${ch.name}.zeta[${g}]`,
        group: "zeta",
        channel: c,
        prior: STANDARD_NORMAL,
        key: "",
      });
    }
    freeStart[c] = params.length;
    params.push(
      ...transformParameters({ name: ch.name, index: c }, kernel.free, kernel.descriptors, prior),
    );
    return kernel;
  });
  const baselineStart = params.length;
  for (const b of input.baseline) {
    if (b.values.length !== n) {
      throw new RangeError(
        `Cannot build the geo posterior: regressor "${b.name}" has ${b.values.length} rows, the KPI ${n}`,
      );
    }
    params.push({
      name: b.name,
      group: "baseline",
      ...prior([b.name, "baseline"], defaults.baseline),
    });
  }
  const halfNormal: Prior = { dist: "halfnormal", sigma: spread };
  const geoIntercept = params.length;
  params.push({
    name: "geoIntercept",
    group: "geoIntercept",
    ...prior(["geoIntercept"], halfNormal),
  });
  const geoTrend = input.geoTrend ? params.length : -1;
  if (input.geoTrend) {
    params.push({ name: "geoTrend", group: "geoTrend", ...prior(["geoTrend"], halfNormal) });
  }
  const sigma = params.length;
  params.push({ name: "sigma", group: "sigma", ...prior(["sigma"], defaults.sigma) });
  for (const p of params) {
    if (p.group !== "zeta" && p.group !== "baseline" && p.prior.dist === "normal") {
      throw new ConfigError(
        `Cannot fit the geo Bayesian model: the prior of "${p.name}" must be on its parameter's support`,
        { key: `priors.${p.key}`, hint: "use a halfnormal, lognormal or beta prior" },
      );
    }
  }
  lookup.checkAllTaken();
  return {
    kernels,
    media,
    eta,
    zeta,
    freeStart,
    logRoasFactor,
    baselineStart,
    geoIntercept,
    geoTrend,
    sigma,
    parameters: Object.freeze(params.map((p) => Object.freeze(p))),
  };
}
