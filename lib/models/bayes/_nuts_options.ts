/**
 * The NUTS options with their defaults filled in and checked: what every chain of
 * `sampleNuts` runs with.
 *
 * @module
 */
import type { ChainProgress, NutsOptions } from "./nuts.ts";
import { STAN_WINDOW } from "./_nuts_adaptation.ts";

/** {@link NutsOptions} with every default filled in. */
export interface Resolved {
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  maxTreeDepth: number;
  targetAccept: number;
  initRadius: number;
  init: Float64Array | undefined;
  initMetric: Float64Array | undefined;
  adaptMetric: boolean;
  metricPriorWeight: number;
  metricWindow: number | "auto";
  dense: boolean;
  onProgress: ((progress: ChainProgress) => void) | undefined;
}

/**
 * Fills in the defaults of `options` and checks them.
 *
 * @throws {RangeError} naming the first option out of range.
 */
export function resolveNutsOptions(dim: number, options: NutsOptions): Resolved {
  const r: Resolved = {
    chains: options.chains ?? 4,
    warmup: options.warmup ?? 1000,
    draws: options.draws ?? 1000,
    seed: options.seed ?? 0,
    maxTreeDepth: options.maxTreeDepth ?? 10,
    targetAccept: options.targetAccept ?? 0.8,
    initRadius: options.initRadius ?? 2,
    init: options.init,
    initMetric: options.initMetric,
    adaptMetric: options.adaptMetric ?? true,
    metricPriorWeight: options.metricPriorWeight ?? 0,
    metricWindow: options.metricWindow ?? STAN_WINDOW,
    dense: (options.metric ?? "diag") === "dense",
    onProgress: options.onProgress,
  };
  if (options.metric !== undefined && options.metric !== "diag" && options.metric !== "dense") {
    throw new RangeError(
      `Cannot run NUTS: "metric" must be "diag" or "dense", current value is "${
        String(options.metric)
      }"`,
    );
  }
  const positiveInt = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) {
      throw new RangeError(
        `Cannot run NUTS: "${name}" must be an integer of at least ${min}, current value is ${v}`,
      );
    }
  };
  positiveInt("chains", r.chains, 1);
  positiveInt("warmup", r.warmup, 0);
  positiveInt("draws", r.draws, 1);
  if (r.metricWindow !== "auto") positiveInt("metricWindow", r.metricWindow, 1);
  if (!(r.metricPriorWeight >= 0 && r.metricPriorWeight < Infinity)) {
    throw new RangeError(`Cannot run NUTS: "metricPriorWeight" must be finite and ≥ 0`);
  }
  positiveInt("maxTreeDepth", r.maxTreeDepth, 1);
  if (r.maxTreeDepth > 20) {
    throw new RangeError(
      `Cannot run NUTS: "maxTreeDepth" must be at most 20, current value is ${r.maxTreeDepth}`,
    );
  }
  if (!(r.targetAccept > 0 && r.targetAccept < 1)) {
    throw new RangeError(
      `Cannot run NUTS: "targetAccept" must be in (0, 1), current value is ${r.targetAccept}`,
    );
  }
  if (!(r.initRadius >= 0) || !Number.isFinite(r.initRadius)) {
    throw new RangeError(
      `Cannot run NUTS: "initRadius" must be finite and non-negative, current value is ${r.initRadius}`,
    );
  }
  if (!Number.isFinite(r.seed)) {
    throw new RangeError(`Cannot run NUTS: "seed" must be finite, current value is ${r.seed}`);
  }
  const m = r.initMetric;
  if (m !== undefined && m.length !== dim && m.length !== dim * dim) {
    throw new TypeError(
      `Cannot run NUTS: "initMetric" must have ${dim} or ${
        dim * dim
      } values, current length is ${m.length}`,
    );
  }
  if (r.init !== undefined && r.init.length !== dim) {
    throw new TypeError(
      `Cannot run NUTS: "init" must have ${dim} values, current length is ${r.init.length}`,
    );
  }
  return r;
}
