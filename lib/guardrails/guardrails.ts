/**
 * Guardrails: checks that a fitted model's attribution is one an analyst could accept, run on
 * every fit (OLS, ridge, elastic net, Bayesian), on every tuning candidate and by the CLI. Each
 * failed check is a {@link Diagnostic} at level "warning" with a stable code, the channel it
 * concerns, what is wrong and what to do.
 *
 * | code | fires when | why it matters |
 * |---|---|---|
 * | `flat-column` | the saturation leaves less than `flatness` of the input's relative variation | the column is a second intercept: its level (the contribution) is not identified |
 * | `extrapolated-effect` | more than `extrapolation` of a channel's contribution lies below its lowest observed input | that part of the effect is measured against zero spend, which was never observed; the message gives the ROAS of the part above it, `roas · (1 − extrapolation)`, a floor for any response that rises from zero through the fitted curve |
 * | `baseline-collinear` | R² of the channel's column on the baseline terms above `baselineR2` | the split between the channel and the baseline is not identified |
 * | `negative-baseline` | the baseline (KPI without paid media) is negative in some week | media is credited with more than the KPI |
 * | `media-share` | paid media's share of the predicted KPI outside `mediaShare` | implausible for the business |
 * | `roas-range` | a channel's ROAS (revenue KPIs) or CPA (conversion KPIs) outside its plausible range | implausible for the channel |
 * | `share-mismatch` | effect share over spend share beyond `shareRatio` (either way) and a wide interval | the split between channels is not identified |
 * | `credit-uncertain` | effect share at least `creditRatio` of spend share (up to `shareRatio`) and a wide interval | the channel may be over-credited: on the recovery study every channel given over twice its true share had this or `share-mismatch` |
 * | `param-on-bound` | a tuned transform parameter (or λ at its upper end) ended on its search bound | the best model may lie outside the searched range |
 *
 * The extrapolation share of a channel is `min_t c_t / mean_t c_t`, where `c_t` is its weekly
 * contribution as the model reports it. For one linear model `c_t = β·h(u_t)`, with `h` its
 * saturation curve and `u` its saturation input: since `h` is increasing and `h(0) = 0`, the
 * model credits every week with at least `β·h(u_min)`, an amount that the data (which never
 * show spend below `u_min`) cannot distinguish from the intercept. For a bagged model `c_t` is
 * the members' mean contribution, each with its own curve, so the share is the bag's, not that
 * of the reference curve in its spec. For an always-on channel whose column is saturated this
 * share approaches 1 (issue 12's "98% social" fit); for a flighted channel with weeks at zero
 * spend it is 0.
 *
 * @module
 */
import type { Diagnostic, FittedModel, MmmData } from "../types.ts";
import { type GuardrailLimits, guardrailLimits } from "./limits.ts";
import {
  type ChannelMeasures,
  type GuardrailMeasures,
  type GuardrailOptions,
  measureGuardrails,
} from "./measure.ts";

const pct = (v: number): string => `${(100 * v).toFixed(0)}%`;
const num = (v: number): string =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
const range = (r: readonly [number, number]): string => `${num(r[0])}–${num(r[1])}`;
const interval = (c: ChannelMeasures): string =>
  range([c.roasLower as number, c.roasUpper as number]);
/** How wide a channel's ROAS interval is, in words: the factor it spans, or that it reaches 0. */
const span = (c: ChannelMeasures): string =>
  (c.roasLower as number) > 0
    ? `spans a factor of ${((c.roasUpper as number) / (c.roasLower as number)).toFixed(1)}`
    : "reaches zero";

/** A channel is active when it has a contribution (zero-effect channels are reported elsewhere). */
function active(c: ChannelMeasures): boolean {
  return c.contribution > 0 || c.contribution < 0;
}

/**
 * The model-level checks that fail: `negative-baseline`, `media-share`. Tuning ranks candidates
 * with the same function as the fitted model's warnings.
 */
export function failedModelChecks(
  measures: Pick<GuardrailMeasures, "negativeBaselineRows" | "mediaShare">,
  limits: GuardrailLimits,
): string[] {
  const out: string[] = [];
  if (measures.negativeBaselineRows > 0) out.push("negative-baseline");
  const [lo, hi] = limits.mediaShare;
  if (!(measures.mediaShare >= lo && measures.mediaShare <= hi)) out.push("media-share");
  return out;
}

/**
 * The per-channel checks that fail for one channel, in report order: `flat-column`,
 * `extrapolated-effect`, `baseline-collinear` (when measured), `roas-range`, `share-mismatch` or
 * `credit-uncertain` (when the channel has an interval). A channel without contribution passes (it is reported as
 * having no effect elsewhere).
 */
export function failedChannelChecks(
  c: ChannelMeasures,
  kpiKind: MmmData["kpiKind"],
  limits: GuardrailLimits,
): string[] {
  const out: string[] = [];
  if (!active(c)) return out;
  if (c.flatness < limits.flatness) out.push("flat-column");
  if (c.extrapolation > limits.extrapolation) out.push("extrapolated-effect");
  if (c.baselineR2 > limits.baselineR2) out.push("baseline-collinear");
  const r = kpiKind === "conversions" ? limits.cpa : limits.roas;
  const value = kpiKind === "conversions" ? c.spend / c.contribution : c.roas;
  if (r !== undefined && !(value >= r[0] && value <= r[1])) out.push("roas-range");
  const ratio = c.spendShare > 0 ? c.effectShare / c.spendShare : Infinity;
  const far = ratio > limits.shareRatio || ratio < 1 / limits.shareRatio;
  const lo = c.roasLower, hi = c.roasUpper;
  const wide = lo !== undefined && hi !== undefined &&
    (!(lo > 0) || hi / lo > limits.intervalRatio);
  if (far && wide) out.push("share-mismatch");
  else if (wide && ratio >= limits.creditRatio) out.push("credit-uncertain");
  return out;
}

/**
 * Turns measures into warnings: one {@link Diagnostic} per failed check and channel, most
 * serious first (model-level checks, then per channel in the model's order).
 *
 * @example A saturated column that takes the intercept's place
 * ```ts
 * import { guardrailDiagnostics } from "mixlab/guardrails";
 * import assert from "node:assert/strict";
 * const warnings = guardrailDiagnostics({
 *   kpiKind: "revenue", rows: 100, negativeBaselineRows: 80, mediaShare: 1.3,
 *   channels: [{
 *     channel: "social", spend: 1e6, contribution: 4e8, roas: 400, effectShare: 0.98,
 *     spendShare: 0.2, flatness: 0.09, extrapolation: 0.97, baselineR2: 0.1,
 *   }],
 * });
 * const codes = warnings.map((w) => w.code);
 * assert.deepEqual(codes, [
 *   "negative-baseline", "media-share", "flat-column", "extrapolated-effect", "roas-range",
 * ]);
 * assert.ok(warnings.slice(2).every((w) => w.subject === "social"));
 * ```
 */
export function guardrailDiagnostics(
  measures: GuardrailMeasures,
  limits: Partial<GuardrailLimits> = {},
): Diagnostic[] {
  const lim = guardrailLimits(limits);
  const m = measures;
  const out: Diagnostic[] = failedModelChecks(m, lim).map((code) => modelWarning(code, m, lim));
  for (const c of m.channels) {
    for (const code of failedChannelChecks(c, m.kpiKind, lim)) {
      out.push(channelWarning(code, c, m.kpiKind, lim));
    }
  }
  return out;
}

function modelWarning(code: string, m: GuardrailMeasures, lim: GuardrailLimits): Diagnostic {
  if (code === "negative-baseline") {
    return {
      level: "warning",
      code,
      message: `The baseline (KPI without paid media) is negative in ${m.negativeBaselineRows} ` +
        `of ${m.rows} weeks, which is impossible: media is credited with more than the KPI, so ` +
        "every ROAS and the decomposition overstate media",
      hint: "look for a channel flagged as flat or extrapolated; narrow its saturation bounds, " +
        "or add the baseline driver the model misses (trend, a control)",
    };
  }
  const [lo, hi] = lim.mediaShare;
  return {
    level: "warning",
    code,
    message: `Paid media drives ${pct(m.mediaShare)} of the predicted KPI, outside the ` +
      `plausible range ${pct(lo)}–${pct(hi)}: ${
        m.mediaShare > hi
          ? "media is probably taking the baseline's place"
          : "media is probably absorbed by the baseline terms"
      }`,
    hint: "check the channels flagged with warnings; if this share is right for your business, " +
      "set guardrails.mediaShare in the config",
  };
}

function channelWarning(
  code: string,
  c: ChannelMeasures,
  kpiKind: MmmData["kpiKind"],
  lim: GuardrailLimits,
): Diagnostic {
  const name = `"${c.channel}"`;
  const base = { level: "warning" as const, code, subject: c.channel };
  switch (code) {
    case "flat-column":
      return {
        ...base,
        message: `${name}: its media column is nearly constant (the saturation curve keeps ` +
          `${pct(c.flatness)} of the spend's week-to-week variation), so it acts as a second ` +
          `intercept: its contribution and ROAS (${num(c.roas)}) are not supported by the data`,
        hint:
          `treat the ROAS of ${name} as unknown; raise the lower bound of its half-saturation ` +
          "point (or fix its saturation), or calibrate it with a lift test",
      };
    case "extrapolated-effect":
      return {
        ...base,
        message: `${name}: ${pct(c.extrapolation)} of its contribution is credited at spend ` +
          "below the lowest weekly level observed; the data cannot tell that part from the " +
          `baseline, so its ROAS (${num(c.roas)}) rests on the assumed curve; the part above ` +
          `that level, which the spend's variation measures, is a ROAS of ${
            num(c.roas * (1 - c.extrapolation))
          }`,
        hint:
          `read the marginal ROAS of ${name} rather than its ROAS; vary its spend (a dark period ` +
          "or a geo test) or calibrate it with a lift test before moving budget on it",
      };
    case "baseline-collinear":
      return {
        ...base,
        message: `${name}: its media column moves with the baseline terms (R² ${
          c.baselineR2.toFixed(2)
        } on trend, seasonality, events and controls), so its effect cannot be told from them`,
        hint: "drop or simplify the baseline term it follows, or calibrate the channel with a " +
          "lift test",
      };
    case "roas-range": {
      const key = kpiKind === "conversions" ? "cpa" : "roas";
      const r = (kpiKind === "conversions" ? lim.cpa : lim.roas) as readonly [number, number];
      const value = kpiKind === "conversions" ? c.spend / c.contribution : c.roas;
      return {
        ...base,
        message: `${name}: its ${key.toUpperCase()} ${num(value)} is outside the plausible ` +
          `range ${range(r)}`,
        hint: `check the other warnings on ${name} and its spend data; if the value is plausible ` +
          `for it, widen guardrails.${key} in the config`,
      };
    }
    case "credit-uncertain":
      return {
        ...base,
        message:
          `${name} gets ${pct(c.effectShare)} of the media effect on ${
            pct(c.spendShare)
          } of the spend, but its 90% ROAS interval (${interval(c)}) ${
            span(c)
          }: the data cannot tell this share from half of it, and a channel credited at or above ` +
          "its spend share with an interval this wide is how over-credited channels look",
        hint: `do not move budget towards ${name} on this model alone; check it with a lift ` +
          "test or a period of changed spend, or compare its ROAS with a model that fixes its " +
          "carryover from other evidence",
      };
    default:
      return {
        ...base,
        message: `${name} gets ${pct(c.effectShare)} of the media effect on ${
          pct(c.spendShare)
        } of the spend, and its 90% interval is wide (ROAS ${num(c.roasLower as number)}–${
          num(c.roasUpper as number)
        }): the data do not pin down its share`,
        hint: `do not move budget to or from ${name} on this model alone; calibrate it with a ` +
          "lift test or vary its spend",
      };
  }
}

/**
 * Runs every guardrail on a fitted model (its training rows) and returns the warnings.
 *
 * @example A fit whose channel never varies is flagged
 * ```ts
 * import { defineModelSpec, fitRidge, guardrails } from "mixlab";
 * import assert from "node:assert/strict";
 * const n = 60;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10));
 * const tv = Float64Array.from({ length: n }, (_, i) => 100 + 40 * Math.sin(i));
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   kpi: { name: "sales", values: tv.map((x, i) => 500 + x + 5 * Math.cos(3 * i)) },
 *   channels: [{ name: "tv", spend: tv }],
 * };
 * const spec = defineModelSpec({
 *   channels: [{ name: "tv", saturation: { kind: "hill", params: { halfSaturation: 0.05, shape: 3 } } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = fitRidge(data, spec, { lambda: 0 });
 * assert.ok(guardrails(fit).some((w) => w.code === "flat-column" && w.subject === "tv"));
 * ```
 */
export function guardrails(fit: FittedModel, options: GuardrailOptions = {}): Diagnostic[] {
  return guardrailDiagnostics(measureGuardrails(fit, options), options.limits ?? {});
}

/** A tuned parameter and the range it was searched in. */
export interface SearchedParam {
  /** Parameter name, `"<channel>.<adstock|saturation>.<param>"` or `"lambda"`. */
  readonly name: string;
  /** The chosen value. */
  readonly value: number;
  /** Lower end of the searched range. */
  readonly lower: number;
  /** Upper end of the searched range. */
  readonly upper: number;
  /** What the curve becomes at each end of the range (the descriptor's `edges`). */
  readonly edges?: { readonly lower?: string; readonly upper?: string };
}

/**
 * `param-on-bound` warnings: a tuned transform parameter within 1% of the searched range's width
 * of either end, or λ at its upper end (λ at its lower end only means the data need no
 * shrinkage). Fixed parameters (lower = upper) are skipped.
 *
 * @example A Hill shape at the top of its range
 * ```ts
 * import { boundDiagnostics } from "mixlab/guardrails";
 * import assert from "node:assert/strict";
 * const w = boundDiagnostics([
 *   { name: "tv.saturation.shape", value: 2.999, lower: 0.5, upper: 3 },
 *   { name: "tv.adstock.decay", value: 0.4, lower: 0, upper: 0.8 },
 *   { name: "lambda", value: 1e-4, lower: 1e-4, upper: 10 },
 * ]);
 * assert.deepEqual(w.map((d) => d.subject), ["tv"]);
 * // the descriptor's word on what the curve becomes at that end is added
 * const [line] = boundDiagnostics([{
 *   name: "tv.saturation.lambda", value: 0.1, lower: 0.1, upper: 3.3,
 *   edges: { lower: "nearly a straight line" },
 * }]);
 * assert.ok(line!.message.endsWith("; nearly a straight line"));
 * ```
 */
export function boundDiagnostics(params: readonly SearchedParam[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of params) {
    const width = p.upper - p.lower;
    if (!(width > 0)) continue;
    const atLower = p.value - p.lower <= 0.01 * width;
    const atUpper = p.upper - p.value <= 0.01 * width;
    const isLambda = p.name === "lambda";
    if (!(atUpper || (atLower && !isLambda))) continue;
    const bound = atUpper ? p.upper : p.lower;
    const edge = atUpper ? p.edges?.upper : p.edges?.lower;
    const channel = isLambda ? undefined : p.name.split(".")[0];
    const key = isLambda
      ? "model.lambda"
      : `channels.${channel}.bounds.${p.name.split(".").slice(2).join(".")}`;
    out.push({
      level: "warning",
      code: "param-on-bound",
      ...(channel === undefined ? {} : { subject: channel }),
      message: `Tuning put "${p.name}" at ${num(p.value)}, on the ${
        atUpper ? "upper" : "lower"
      } end (${
        num(bound)
      }) of its search range: the best model may lie outside it, and the ROAS of ${
        channel === undefined ? "every channel" : `"${channel}"`
      } depends on where the range was cut${edge === undefined ? "" : `; ${edge}`}`,
      hint: `widen the range (${key}) if values beyond ${num(bound)} are plausible, or fix the ` +
        "parameter from other evidence",
    });
  }
  return out;
}
