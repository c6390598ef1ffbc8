/**
 * A generated data set as mixlab sees it: the `MmmData` a CSV export of the set would load to,
 * the config a new user would write for it (`"tuning": true`, everything else at its default),
 * and the same config with every channel's true transforms fixed, converted into mixlab's
 * parameterisation.
 *
 * **The conversion is exact.** mixlab's saturation input is `u = adstock(spend / m) / g`, with
 * m the channel's mean spend over the training weeks and g the adstock's gain (the unit-gain
 * convention, `lib/transforms/apply_channel.ts`). Every generator applies its saturation to
 * `a = adstock(spend / r)` with the same lag weights, r being its media scale (1 for Robyn's raw
 * spend, the median of non-zero spend for Meridian, the maximum for PyMC-Marketing). Adstock is
 * linear, so `u = a · f` with `f = r / (m·g)`, and
 * - Hill `a^s / (a^s + k^s)` = Hill of u with `halfSaturation = k·f` (Robyn's inflexion
 *   γ·max(x*) and Meridian's ec alike);
 * - logistic in λ·a = logistic in (λ/f)·u, so `lambda = λ / f`.
 * Weibull's relative scale becomes rows with Robyn's rounding, over `maxLag` = the series length;
 * Meridian's window of max_lag + 1 lags is mixlab's `maxLag`.
 *
 * @module
 */
import { adstockGain } from "../../lib/transforms/apply_channel.ts";
import type { MmmData, TransformSpec } from "../../lib/types.ts";
import { robynWeibullRows } from "./generators/robyn_transforms.ts";
import type { ChannelTruth, GeneratedSet } from "./generators/truth.ts";

/** Weeks held out at the end, as the CLI does by default (`holdoutWeeks` 13). */
export const HOLDOUT_WEEKS = 13;

/** The data as mixlab loads it from the set's CSV (same numbers: CSV cells round-trip). */
export function toMmmData(set: GeneratedSet): MmmData {
  return {
    dates: [...set.dates],
    kpi: { name: "revenue", values: set.kpi },
    kpiKind: "revenue",
    channels: set.spends.map((s) => ({ name: s.name, spend: s.values })),
    controls: set.controls.map((c) => ({ name: c.name, values: c.values })),
  };
}

/** The CSV of a set: `date, revenue, <channel>_spend …, <controls> …`. */
export function toCsv(set: GeneratedSet): string {
  const header = [
    "date",
    "revenue",
    ...set.spends.map((s) => `${s.name}_spend`),
    ...set.controls.map((c) => c.name),
  ];
  const lines = [header.join(",")];
  for (let t = 0; t < set.dates.length; t++) {
    lines.push(
      [
        set.dates[t],
        set.kpi[t],
        ...set.spends.map((s) => s.values[t]),
        ...set.controls.map((c) => c.values[t]),
      ].map(String).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** A config as a JSON object (what `deno task mmm fit --config` reads). */
export type ConfigJson = Record<string, unknown>;

/**
 * The config a new user writes for the set: its columns, `"tuning": true`, and nothing else
 * (holdout 13 weeks, ridge, linear trend, two Fourier pairs, geometric + Hill: the defaults).
 */
export function defaultConfig(set: GeneratedSet): ConfigJson {
  return {
    data: `${set.id}.csv`,
    date: "date",
    kpi: { column: "revenue", kind: "revenue" },
    channels: Object.fromEntries(set.spends.map((s) => [s.name, { spend: `${s.name}_spend` }])),
    controls: set.controls.map((c) => c.name),
    tuning: true,
  };
}

/** A channel's true transforms in mixlab's parameterisation. */
export interface TrueTransforms {
  /** Adstock kind and parameters. */
  readonly adstock: TransformSpec;
  /** Saturation kind and parameters. */
  readonly saturation: TransformSpec;
}

function mean(x: Float64Array, end: number): number {
  let s = 0;
  for (let t = 0; t < end; t++) s += x[t] as number;
  return s / end;
}

function adstockOf(truth: ChannelTruth): TransformSpec {
  const a = truth.adstock;
  if (a.kind === "robyn-geometric") return { kind: "geometric", params: { decay: a.theta } };
  if (a.kind === "robyn-weibull") {
    return {
      kind: a.type === "cdf" ? "weibull-cdf" : "weibull-pdf",
      params: {
        shape: a.shape,
        scale: robynWeibullRows(a.scale, a.seriesLength),
        maxLag: a.seriesLength,
      },
    };
  }
  return {
    kind: a.decay === "geometric" ? "geometric-normalized" : "binomial",
    params: { decay: a.alpha, maxLag: a.window },
  };
}

/**
 * Each channel's true transforms in mixlab's units, for a fit on the first `trainWeeks` weeks
 * (m = mean spend over them).
 */
export function trueTransforms(set: GeneratedSet, trainWeeks: number): TrueTransforms[] {
  return set.truth.channels.map((truth, c) => {
    const adstock = adstockOf(truth);
    const m = mean((set.spends[c] as { values: Float64Array }).values, trainWeeks);
    const f = truth.mediaScale.value / (m * adstockGain(adstock));
    const s = truth.saturation;
    const saturation: TransformSpec = s.kind === "hill"
      ? { kind: "hill", params: { halfSaturation: s.inflexion * f, shape: s.shape } }
      : { kind: "logistic", params: { lambda: s.lambda / f } };
    return { adstock, saturation };
  });
}

/**
 * The default config with every channel's true transforms fixed and the given model, without
 * cross-validation or rolling-window refits: the ceiling needs no scores, and an OLS refit on a
 * window where an event dummy is all zero cannot be solved (the CLI's rolling-stability refits
 * fail that way on issue12b's events).
 */
export function trueConfig(
  set: GeneratedSet,
  model: ConfigJson = { kind: "ols" },
): ConfigJson {
  const truths = trueTransforms(set, set.truth.windowWeeks);
  const { tuning: _, ...rest } = defaultConfig(set);
  return {
    ...rest,
    channels: Object.fromEntries(
      set.spends.map((s, c) => [s.name, {
        spend: `${s.name}_spend`,
        adstock: truths[c]!.adstock,
        saturation: truths[c]!.saturation,
      }]),
    ),
    model,
    crossValidation: { folds: 0, rolling: false },
  };
}
