/**
 * Guardrails: checks that a fitted model's attribution is one an analyst could accept, run on
 * every fit (OLS, ridge, elastic net, Bayesian), on every tuning candidate and by the CLI. Each
 * failed check is a {@link Diagnostic} at level "warning" with a stable code, the channel it
 * concerns, what is wrong and what to do.
 *
 * | code | fires when | why it matters |
 * |---|---|---|
 * | `flat-column` | the saturation leaves less than `flatness` of the input's relative variation | the column is a second intercept: its level (the contribution) is not identified |
 * | `extrapolated-effect` | more than `extrapolation` of a channel's contribution lies below its lowest observed input | that part of the effect is measured against zero spend, which was never observed |
 * | `baseline-collinear` | R² of the channel's column on the baseline terms above `baselineR2` | the split between the channel and the baseline is not identified |
 * | `negative-baseline` | the baseline (KPI without paid media) is negative in some week | media is credited with more than the KPI |
 * | `media-share` | paid media's share of the predicted KPI outside `mediaShare` | implausible for the business |
 * | `roas-range` | a channel's ROAS (revenue KPIs) or CPA (conversion KPIs) outside its plausible range | implausible for the channel |
 * | `share-mismatch` | effect share over spend share beyond `shareRatio` (either way) and a wide interval | the split between channels is not identified |
 * | `param-on-bound` | a tuned transform parameter (or λ at its upper end) ended on its search bound | the best model may lie outside the searched range |
 *
 * The extrapolation share of a channel is `min_t h(u_t) / mean_t h(u_t)`, where `h(u)` is its
 * saturation curve and `u` its saturation input: since `h` is increasing and `h(0) = 0`, the
 * model credits every week with at least `β·h(u_min)`, an amount that the data (which never
 * show spend below `u_min`) cannot distinguish from the intercept. For an always-on channel
 * whose column is saturated this share approaches 1 (issue 12's "98% social" fit); for a
 * flighted channel with weeks at zero spend it is 0.
 *
 * @module
 */
import { sum } from "../_internal/array.ts";
import { applySaturation, saturationInput } from "../transforms/apply_channel.ts";
import type { Diagnostic, FittedModel, MmmData } from "../types.ts";
import { type Table, table } from "../display/table.ts";

/** The codes the guardrails emit (see the table in the module doc). */
export const GUARDRAIL_CODES: ReadonlySet<string> = new Set([
  "flat-column",
  "extrapolated-effect",
  "baseline-collinear",
  "negative-baseline",
  "media-share",
  "roas-range",
  "share-mismatch",
  "param-on-bound",
]);

/**
 * The checks that rank a tuning candidate behind sound ones: a near-constant media column, a
 * negative baseline, an implausible media share or ROAS. These describe fits no analyst would
 * accept. `extrapolated-effect` and `baseline-collinear` only warn: they describe what the data
 * cannot tell apart, which holds for the true model too (on the bundled demo data the true radio
 * and search curves credit 51% and 59% of their contribution below their lowest observed spend),
 * so ranking on them would bias the choice towards less concave curves and lower ROAS.
 */
export const CANDIDATE_CHECKS: ReadonlySet<string> = new Set([
  "flat-column",
  "negative-baseline",
  "media-share",
  "roas-range",
]);

/** Plausibility limits of the guardrails; every field can be set in the config (`guardrails`). */
export interface GuardrailLimits {
  /** Plausible share of the predicted KPI that paid media drives, `[lower, upper]`. */
  readonly mediaShare: readonly [number, number];
  /** Plausible ROAS of any channel, `[lower, upper]` (revenue KPIs). */
  readonly roas: readonly [number, number];
  /** Plausible CPA of any channel, `[lower, upper]` (conversion KPIs); unchecked when absent. */
  readonly cpa?: readonly [number, number];
  /** Largest acceptable share of a channel's contribution below its lowest observed input. */
  readonly extrapolation: number;
  /** Smallest acceptable CV(column) / CV(saturation input): below it the column is flat. */
  readonly flatness: number;
  /** Largest acceptable R² of a channel's column on the baseline terms. */
  readonly baselineR2: number;
  /** Effect share / spend share beyond which (or below whose inverse) the interval is checked. */
  readonly shareRatio: number;
  /** Widest acceptable ROAS interval, as upper / lower, for a channel beyond `shareRatio`. */
  readonly intervalRatio: number;
}

/**
 * The default limits. The plausible ranges are wide on purpose (a ROAS of 20 or media driving
 * 80% of the KPI is rare, not impossible); the identification limits are set from the recovery
 * study (README, "Guardrails").
 */
export const DEFAULT_GUARDRAIL_LIMITS: GuardrailLimits = Object.freeze({
  mediaShare: Object.freeze([0, 0.8]) as readonly [number, number],
  roas: Object.freeze([0, 20]) as readonly [number, number],
  extrapolation: 0.6,
  flatness: 0.15,
  baselineR2: 0.9,
  shareRatio: 2,
  intervalRatio: 3,
});

/** What the guardrails measure on one channel. */
export interface ChannelMeasures {
  /** Channel name. */
  readonly channel: string;
  /** Spend over the rows. */
  readonly spend: number;
  /** Contribution over the rows, in KPI units. */
  readonly contribution: number;
  /** Contribution per unit of spend. */
  readonly roas: number;
  /** Share of all media contribution. */
  readonly effectShare: number;
  /** Share of all media spend. */
  readonly spendShare: number;
  /** CV of the media column over CV of the saturation input (1 for a linear curve). */
  readonly flatness: number;
  /** Share of the contribution below the lowest observed saturation input. */
  readonly extrapolation: number;
  /** R² of the media column on the model's baseline terms. */
  readonly baselineR2: number;
  /** Lower end of the ROAS interval, where the model has one. */
  readonly roasLower?: number;
  /** Upper end of the ROAS interval, where the model has one. */
  readonly roasUpper?: number;
}

/** What the guardrails measure on a model. */
export interface GuardrailMeasures {
  /** Revenue or conversions. */
  readonly kpiKind: MmmData["kpiKind"];
  /** Rows measured. */
  readonly rows: number;
  /** Weeks (rows) whose baseline is negative. */
  readonly negativeBaselineRows: number;
  /** Paid media's share of the predicted KPI. */
  readonly mediaShare: number;
  /** One entry per channel, in the model's order. */
  readonly channels: readonly ChannelMeasures[];
}

/** Options of {@link guardrails} and {@link measureGuardrails}. */
export interface GuardrailOptions {
  /** Limits; missing fields take {@link DEFAULT_GUARDRAIL_LIMITS}. @default {} */
  readonly limits?: Partial<GuardrailLimits>;
  /**
   * ROAS intervals per channel (from posterior draws or the bootstrap), in the model's channel
   * order; `share-mismatch` needs them. @default undefined (not checked)
   */
  readonly intervals?: readonly { readonly lower?: number; readonly upper?: number }[];
}

/** Coefficient of variation (population sd over mean); 0 for a zero mean. */
function cv(x: Float64Array): number {
  const n = x.length, m = sum(x) / n;
  let v = 0;
  for (let t = 0; t < n; t++) v += ((x[t] as number) - m) ** 2;
  return m === 0 ? 0 : Math.sqrt(v / n) / Math.abs(m);
}

/**
 * Share of a media column's total that lies below its smallest value: `min(h) / mean(h)`, the
 * part of the contribution credited at inputs below any observed one (0 when the column is 0 in
 * some row, 1 when it is constant).
 *
 * @example A column that never drops below 80% of its mean
 * ```ts
 * import { extrapolationShare } from "mixlab";
 * import assert from "node:assert/strict";
 * assert.equal(extrapolationShare(new Float64Array([0.8, 1, 1.2])), 0.8);
 * assert.equal(extrapolationShare(new Float64Array([0, 1, 2])), 0);
 * ```
 */
export function extrapolationShare(column: Float64Array): number {
  let min = Infinity;
  for (let t = 0; t < column.length; t++) min = Math.min(min, column[t] as number);
  const m = sum(column) / column.length;
  return m > 0 ? Math.max(0, min) / m : 0;
}

/**
 * How much of its input's relative variation a saturation curve keeps: `CV(h) / CV(u)`. It is
 * about the curve's elasticity at typical inputs: 1 for a line through 0, below 0.25 for a curve
 * so saturated that the column is nearly constant.
 *
 * @example A line keeps all of it; a saturated Hill curve almost none
 * ```ts
 * import { columnFlatness, hillSaturation } from "mixlab";
 * import assert from "node:assert/strict";
 * const u = new Float64Array([0.6, 0.8, 1, 1.2, 1.4]);
 * assert.ok(Math.abs(columnFlatness(u, u.map((v) => 3 * v)) - 1) < 1e-12);
 * const h = hillSaturation(u, { halfSaturation: 0.2, shape: 3 });
 * assert.ok(columnFlatness(u, h) < 0.05);
 * ```
 */
export function columnFlatness(input: Float64Array, column: Float64Array): number {
  const cu = cv(input);
  return cu > 0 ? cv(column) / cu : 1;
}

/** R² of `y` on the columns `xs` (with an intercept), by modified Gram–Schmidt. */
function rSquared(y: Float64Array, xs: readonly Float64Array[]): number {
  const n = y.length;
  const center = (v: Float64Array): Float64Array => {
    const m = sum(v) / n;
    return v.map((x) => x - m);
  };
  const yc = center(y);
  const yy = sum(yc.map((v) => v * v));
  if (!(yy > 0)) return 0;
  const basis: Float64Array[] = [];
  for (const x of xs) {
    const q = center(x);
    const norm0 = Math.sqrt(sum(q.map((v) => v * v)));
    for (const b of basis) {
      let d = 0;
      for (let t = 0; t < n; t++) d += (q[t] as number) * (b[t] as number);
      for (let t = 0; t < n; t++) q[t] = (q[t] as number) - d * (b[t] as number);
    }
    const norm = Math.sqrt(sum(q.map((v) => v * v)));
    if (norm > 1e-9 * (norm0 + 1e-300)) basis.push(q.map((v) => v / norm));
  }
  let explained = 0;
  for (const b of basis) {
    let d = 0;
    for (let t = 0; t < n; t++) d += (yc[t] as number) * (b[t] as number);
    explained += d * d;
  }
  return Math.min(1, explained / yy);
}

/**
 * Measures what the guardrails check on a fitted model's training rows: the decomposition's
 * baseline and media share, and per channel its returns, shares, and how its media column
 * (rebuilt from the model's spec) varies and relates to the baseline terms.
 */
export function measureGuardrails(
  fit: FittedModel,
  options: GuardrailOptions = {},
): GuardrailMeasures {
  const data = fit.data;
  const d = fit.decompose(data);
  const n = data.dates.length;
  const baselineTerms = d.terms.filter((t) => t.group !== "media");
  let negative = 0, mediaTotal = 0;
  for (let t = 0; t < n; t++) {
    let b = 0;
    for (const term of baselineTerms) b += term.values[t] as number;
    if (b < 0) negative++;
  }
  const fittedTotal = sum(d.fitted);
  const media = fit.spec.channels.map((ch) => {
    const term = d.terms.find((t) => t.group === "media" && t.name === ch.name);
    const contribution = term ? sum(term.values) : 0;
    mediaTotal += contribution;
    return contribution;
  });
  const spends = fit.spec.channels.map((ch) =>
    sum(data.channels.find((c) => c.name === ch.name)?.spend ?? new Float64Array(n))
  );
  const spendTotal = sum(spends);
  const regressors = baselineTerms.filter((t) => t.group !== "intercept").map((t) => t.values);
  const channels = fit.spec.channels.map((ch, j): ChannelMeasures => {
    const spend = data.channels.find((c) => c.name === ch.name)?.spend ?? new Float64Array(n);
    const u = saturationInput(spend, ch);
    const h = applySaturation(u, ch.saturation);
    const interval = options.intervals?.[j];
    const contribution = media[j] as number, s = spends[j] as number;
    return {
      channel: ch.name,
      spend: s,
      contribution,
      roas: s > 0 ? contribution / s : 0,
      effectShare: mediaTotal !== 0 ? contribution / mediaTotal : 0,
      spendShare: spendTotal > 0 ? s / spendTotal : 0,
      flatness: columnFlatness(u, h),
      extrapolation: extrapolationShare(h),
      baselineR2: regressors.length > 0 ? rSquared(h, regressors) : 0,
      ...(interval?.lower === undefined ? {} : { roasLower: interval.lower }),
      ...(interval?.upper === undefined ? {} : { roasUpper: interval.upper }),
    };
  });
  return {
    kpiKind: data.kpiKind,
    rows: n,
    negativeBaselineRows: negative,
    mediaShare: fittedTotal !== 0 ? mediaTotal / fittedTotal : 0,
    channels,
  };
}

/** The limits with defaults filled in. */
export function guardrailLimits(limits: Partial<GuardrailLimits> = {}): GuardrailLimits {
  const out: GuardrailLimits = { ...DEFAULT_GUARDRAIL_LIMITS };
  for (const [k, v] of Object.entries(limits)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

const pct = (v: number): string => `${(100 * v).toFixed(0)}%`;
const num = (v: number): string =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
const range = (r: readonly [number, number]): string => `${num(r[0])}–${num(r[1])}`;

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
 * `extrapolated-effect`, `baseline-collinear` (when measured), `roas-range`, `share-mismatch`
 * (when the channel has an interval). A channel without contribution passes (it is reported as
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
  return out;
}

/**
 * Turns measures into warnings: one {@link Diagnostic} per failed check and channel, most
 * serious first (model-level checks, then per channel in the model's order).
 *
 * @example A saturated column that takes the intercept's place
 * ```ts
 * import { guardrailDiagnostics } from "mixlab";
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
        hint: `treat ${name}'s ROAS as unknown; raise the lower bound of its half-saturation ` +
          "point (or fix its saturation), or calibrate it with a lift test",
      };
    case "extrapolated-effect":
      return {
        ...base,
        message: `${name}: ${pct(c.extrapolation)} of its contribution is credited at spend ` +
          "below the lowest weekly level observed; the data cannot tell that part from the " +
          `baseline, so its ROAS (${num(c.roas)}) rests on the assumed curve`,
        hint: `read ${name}'s marginal ROAS rather than its ROAS; vary its spend (a dark period ` +
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
        hint: `check ${name}'s other warnings and its spend data; if the value is plausible ` +
          `for it, widen guardrails.${key} in the config`,
      };
    }
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
}

/**
 * `param-on-bound` warnings: a tuned transform parameter within 1% of the searched range's width
 * of either end, or λ at its upper end (λ at its lower end only means the data need no
 * shrinkage). Fixed parameters (lower = upper) are skipped.
 *
 * @example A Hill shape at the top of its range
 * ```ts
 * import { boundDiagnostics } from "mixlab";
 * import assert from "node:assert/strict";
 * const w = boundDiagnostics([
 *   { name: "tv.saturation.shape", value: 2.999, lower: 0.5, upper: 3 },
 *   { name: "tv.adstock.decay", value: 0.4, lower: 0, upper: 0.8 },
 *   { name: "lambda", value: 1e-4, lower: 1e-4, upper: 10 },
 * ]);
 * assert.deepEqual(w.map((d) => d.subject), ["tv"]);
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
      } end (${num(bound)}) of its search range: the best model may lie outside it, and ${
        channel === undefined ? "every channel's" : `"${channel}"'s`
      } ROAS depends on where the range was cut`,
      hint: `widen the range (${key}) if values beyond ${num(bound)} are plausible, or fix the ` +
        "parameter from other evidence",
    });
  }
  return out;
}

/**
 * Warnings as a table a notebook shows (and a model's display puts above its parameters):
 * the code, the channel, what is wrong and what to do; `undefined` when there are none.
 *
 * @example Two warnings
 * ```ts
 * import { warningsTable } from "mixlab";
 * import assert from "node:assert/strict";
 * const t = warningsTable([
 *   { level: "warning", code: "flat-column", subject: "social", message: "flat", hint: "fix it" },
 *   { level: "info", code: "residual-durbin-watson", message: "autocorrelated" },
 * ]);
 * assert.equal(t?.rows.length, 2);
 * assert.equal(t?.rows[0]?.channel, "social");
 * assert.equal(warningsTable([]), undefined);
 * ```
 */
export function warningsTable(diagnostics: readonly Diagnostic[]): Table | undefined {
  if (diagnostics.length === 0) return undefined;
  const order = [...diagnostics].sort((a, b) =>
    (a.level === "warning" ? 0 : 1) - (b.level === "warning" ? 0 : 1)
  );
  return table(
    order.map((d) => ({
      "": d.level === "warning" ? "⚠" : "i",
      code: d.code,
      channel: d.subject,
      message: d.message,
      "what to do": d.hint,
    })),
    { caption: "Warnings: read them before using the numbers" },
  );
}
