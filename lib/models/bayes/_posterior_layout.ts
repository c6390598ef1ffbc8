/**
 * The MMM posterior's coordinates: which parameter each one is, the prior it carries, and the
 * channel kernels that compute each channel's media column.
 *
 * @module
 */
import { ConfigError } from "../../errors.ts";
import { ChannelKernel } from "./_channel_kernel.ts";
import { checkMediaPriorKeys, priorOverrides } from "./_posterior_inputs.ts";
import { transformParameters } from "./transform_priors.ts";
import { defaultPriors } from "./default_priors.ts";
import type {
  MmmPosteriorInput,
  MmmPosteriorOptions,
  PosteriorParameter,
} from "./posterior_input.ts";

/** Where each parameter sits among the posterior's coordinates. */
export interface PosteriorLayout {
  /** The coordinates, in order. */
  readonly parameters: readonly PosteriorParameter[];
  /** The channels' kernels. */
  readonly kernels: ChannelKernel[];
  /** Coordinate of each channel's media parameter. */
  readonly mediaIndex: Int32Array;
  /** Coordinate of each channel's first free transform parameter. */
  readonly freeStart: Int32Array;
  /** log of each channel's ROAS factor (0 without a ROAS prior). */
  readonly logRoasFactor: Float64Array;
  /** 1 for a channel with a ROAS prior. */
  readonly isRoas: Uint8Array;
  /** The baseline regressors' columns. */
  readonly baseline: Float64Array[];
  /** Coordinate of the first baseline regressor. */
  readonly baselineStart: number;
  /** Coordinate of σ. */
  readonly sigmaIndex: number;
}

/**
 * The MMM posterior's coordinates in order (intercept level, each channel's media parameter and
 * free transform parameters, baseline regressors, σ), each with its prior (the defaults, or the
 * override of the most specific key), and the channels' kernels.
 *
 * @throws {ConfigError} For a media prior not on positive values or a prior no parameter takes.
 * @throws {RangeError} For a channel or regressor whose rows differ from the KPI's.
 */
export function posteriorLayout(
  input: MmmPosteriorInput,
  options: MmmPosteriorOptions,
): PosteriorLayout {
  const overrides = options.priors ?? {};
  const fixAll = options.fixTransforms ?? false;
  const n = input.y.length;
  const defaults = defaultPriors(input.y, input.baseline.length);
  const params: PosteriorParameter[] = [];
  const lookup = priorOverrides(overrides, "Cannot fit Bayesian model");
  const prior = lookup.prior;
  params.push({
    name: "intercept",
    group: "intercept",
    ...prior(["intercept"], defaults.intercept),
  });
  const nc = input.channels.length;
  const mediaIndex = new Int32Array(nc);
  const freeStart = new Int32Array(nc);
  const logRoasFactor = new Float64Array(nc);
  const isRoas = new Uint8Array(nc);
  const kernels = input.channels.map((ch, c) => {
    if (ch.x.length !== n) {
      throw new RangeError(
        `Cannot build posterior: channel "${ch.name}" has ${ch.x.length} rows, the KPI ${n}`,
      );
    }
    const kernel = new ChannelKernel(
      ch.name,
      ch.x,
      ch.adstock,
      ch.saturation,
      fixAll ? "all" : new Set(ch.fixed ?? []),
    );
    mediaIndex[c] = params.length;
    const roas = ch.roasFactor !== undefined;
    checkMediaPriorKeys(ch, overrides);
    if (roas) {
      isRoas[c] = 1;
      logRoasFactor[c] = Math.log(ch.roasFactor!);
    }
    const media = roas
      ? prior([`${ch.name}.roas`, "roas"], defaults.roas)
      : prior([`${ch.name}.coefficient`, "coefficient"], defaults.coefficient);
    if (media.prior.dist !== "halfnormal" && media.prior.dist !== "lognormal") {
      throw new ConfigError(
        `Cannot fit Bayesian model: the prior of channel "${ch.name}" must be on positive values`,
        {
          channel: ch.name,
          key: `priors.${media.key}`,
          hint: 'use a "lognormal" or "halfnormal" prior',
        },
      );
    }
    params.push({
      name: ch.name,
      group: "media",
      channel: c,
      mediaPrior: roas ? "roas" : "coefficient",
      ...media,
    });
    freeStart[c] = params.length;
    params.push(...transformParameters({ name: ch.name, index: c }, kernel.free, kernel, prior));
    return kernel;
  });
  const baselineStart = params.length;
  const baseline = input.baseline.map((b) => {
    if (b.values.length !== n) {
      throw new RangeError(
        `Cannot build posterior: regressor "${b.name}" has ${b.values.length} rows, the KPI ${n}`,
      );
    }
    params.push({
      name: b.name,
      group: "baseline",
      ...prior([b.name, "baseline"], defaults.baseline),
    });
    return b.values;
  });
  const sigmaIndex = params.length;
  params.push({ name: "sigma", group: "sigma", ...prior(["sigma"], defaults.sigma) });
  lookup.checkAllTaken();
  return {
    parameters: Object.freeze(params.map((p) => Object.freeze(p))),
    kernels,
    mediaIndex,
    freeStart,
    logRoasFactor,
    isRoas,
    baseline,
    baselineStart,
    sigmaIndex,
  };
}
