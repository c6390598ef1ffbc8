/**
 * Horizon mode: a spend plan over several periods when spend carries over (adstock), so money
 * spent in one week keeps working in the next ones. Each channel's KPI in period t is its
 * saturation curve at the effective (adstocked) spend a_t = Σ_l w_l · x_{t−l}, where spend
 * before the horizon is taken at the current level; the plan maximises the KPI summed over the
 * horizon for a total budget.
 *
 * Formulation: spend x_{c,t} and response r_{c,t} per channel and period; r_{c,t} lies under
 * every segment line of the piecewise-linear saturation evaluated at a_{c,t}, which is linear in
 * the spends. With concave saturation this is an LP, exact on the breakpoints. S-shaped
 * saturation is refused here (use {@link optimizeBudget} on steady-state curves).
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { type LinearRow, solveLinearProgram } from "./lp_model.ts";
import { type Piecewise, samplePiecewise, slopes } from "./_piecewise.ts";
import { breakpointsOption, positiveOption } from "./option_checks.ts";
import type { SpendCurve } from "./types.ts";

/** One channel of a horizon plan. */
export interface HorizonChannel {
  /** Channel name. */
  readonly name: string;
  /** Spend per period before the horizon (and the reference plan). */
  readonly currentSpend: number;
  /** Carryover weights w_0, w_1, …: effective spend a_t = Σ_l w_l · x_{t−l}. */
  readonly adstock: readonly number[];
  /** KPI per period as a function of effective spend; concave, 0 at 0. */
  readonly saturation: SpendCurve;
}

/** Options of {@link optimizeHorizon}. */
export interface HorizonOptions {
  /** Number of periods to plan. */
  readonly periods: number;
  /** Total spend over the horizon. @default periods × the sum of current spend */
  readonly budget?: number;
  /** Most spend of a channel in one period, by channel name. @default the budget */
  readonly maxPerPeriod?: Readonly<Record<string, number>>;
  /** Breakpoints of each saturation curve. @default 50 */
  readonly breakpoints?: number;
}

/** A horizon plan. */
export interface HorizonPlan {
  /** Spend per period by channel name. */
  readonly spend: Readonly<Record<string, Float64Array>>;
  /** KPI per period by channel name at the plan. */
  readonly response: Readonly<Record<string, Float64Array>>;
  /** Total KPI over the horizon at the plan. */
  readonly total: number;
  /** Total KPI over the horizon at current spend in every period. */
  readonly currentTotal: number;
}

/** Effective spend of a channel in each period for a spend plan, pre-horizon at current. */
function effective(ch: HorizonChannel, x: Float64Array): Float64Array {
  const H = x.length, a = new Float64Array(H);
  for (let t = 0; t < H; t++) {
    let s = 0;
    ch.adstock.forEach((w, l) => (s += w * (t - l >= 0 ? x[t - l]! : ch.currentSpend)));
    a[t] = s;
  }
  return a;
}

/**
 * The spend plan over `periods` that maximises total KPI with carryover between periods.
 *
 * @param channels Channels with adstock weights and concave saturation curves.
 * @param options Horizon length, total budget, per-period caps.
 * @returns Spend and KPI per channel and period.
 * @throws {ConfigError} when a saturation curve is not concave.
 *
 * @example Without carryover the plan is the same in every period
 * ```ts
 * import { optimizeHorizon } from "mixlab/optimize";
 * import assert from "node:assert/strict";
 * const plan = optimizeHorizon([
 *   { name: "tv", currentSpend: 2, adstock: [1], saturation: (a) => 2 * Math.log1p(a) },
 *   { name: "radio", currentSpend: 2, adstock: [1], saturation: (a) => Math.log1p(a) },
 * ], { periods: 3 });
 * // 4 per period split 2/(1+x) = 1/(1+y): x = 3, y = 1
 * for (const x of plan.spend.tv!) assert.ok(Math.abs(x - 3) < 0.05);
 * ```
 */
export function optimizeHorizon(
  channels: readonly HorizonChannel[],
  options: HorizonOptions,
): HorizonPlan {
  const action = "optimize horizon";
  const H = options.periods;
  if (!Number.isInteger(H) || H < 1) {
    throw new RangeError(`Cannot ${action}: periods must be a positive integer, got ${H}`);
  }
  const budget = positiveOption(
    options.budget ?? H * channels.reduce((a, c) => a + c.currentSpend, 0),
    "budget",
    action,
  );
  const K = breakpointsOption(options.breakpoints);
  const caps = channels.map((c) => {
    const cap = options.maxPerPeriod?.[c.name] ?? budget;
    return positiveOption(cap, `maxPerPeriod.${c.name}`, action);
  });
  for (const name of Object.keys(options.maxPerPeriod ?? {})) {
    if (!channels.some((c) => c.name === name)) {
      throw new ConfigError(`Cannot ${action}: unknown channel "${name}" in maxPerPeriod`, {
        channel: name,
        key: `maxPerPeriod.${name}`,
      });
    }
  }
  const coarse = channels.map((c, ci) => {
    const wsum = c.adstock.reduce((a, w) => a + w, 0);
    const aMax = wsum * Math.max(caps[ci]!, c.currentSpend);
    const p = samplePiecewise(c.saturation, 0, Math.max(aMax, 1e-12), K);
    if (p.ordered > 0) {
      throw new ConfigError(
        `Cannot ${action}: the saturation curve of "${c.name}" is not concave`,
        {
          channel: c.name,
          hint: "use optimizeBudget() on steady-state curves for S-shaped channels",
        },
      );
    }
    return Array.from({ length: H }, () => p);
  });
  let x = solveHorizon(channels, coarse, undefined, caps, budget, H);
  if (!x) {
    throw new RangeError(
      `Cannot ${action}: the budget ${budget} exceeds what the per-period caps allow`,
    );
  }
  // refinement: windows of ±1.5 segments around each period's effective spend, 17 points each
  let pieces = coarse;
  for (let pass = 0; pass < 4; pass++) {
    const windows = channels.map((c, ci) => {
      const a = effective(c, x!.get(ci));
      return Array.from(a, (at, t): [number, number] => {
        const px = pieces[ci]![t]!.xs;
        let h = 0;
        for (let k = 0; k + 1 < px.length; k++) {
          if (at >= px[k]! - 1e-12 && at <= px[k + 1]! + 1e-12) {
            h = Math.max(h, px[k + 1]! - px[k]!);
          }
        }
        return [Math.max(px[0]!, at - 1.5 * h), Math.min(px[px.length - 1]!, at + 1.5 * h)];
      });
    });
    const fine = channels.map((c, ci) =>
      windows[ci]!.map(([lo, hi]) => samplePiecewise(c.saturation, lo, hi, 17))
    );
    let next: ReturnType<typeof solveHorizon>;
    try {
      next = solveHorizon(channels, fine, windows, caps, budget, H);
    } catch {
      break;
    }
    if (!next) break;
    x = next;
    pieces = fine;
  }
  const spend: Record<string, Float64Array> = {}, response: Record<string, Float64Array> = {};
  let total = 0, currentTotal = 0;
  channels.forEach((c, ci) => {
    const xc = x!.get(ci);
    const r = effective(c, xc).map((a) => c.saturation(a));
    spend[c.name] = xc;
    response[c.name] = r;
    for (const v of r) total += v;
    for (const a of effective(c, new Float64Array(H).fill(c.currentSpend))) {
      currentTotal += c.saturation(a);
    }
  });
  return { spend, response, total, currentTotal };
}

/**
 * One LP over per-period pieces (optionally with windows on effective spend); returns spend per
 * channel, or undefined when infeasible.
 */
function solveHorizon(
  channels: readonly HorizonChannel[],
  pieces: readonly (readonly Piecewise[])[],
  windows: readonly (readonly [number, number])[][] | undefined,
  caps: readonly number[],
  budget: number,
  H: number,
): { get(c: number): Float64Array } | undefined {
  // variables: x_{c,t} = c·H + t, then r_{c,t} = C·H + c·H + t
  const C = channels.length;
  const nVars = 2 * C * H;
  const S = Math.max(budget, 1e-300);
  let R = 0;
  for (const row of pieces) {
    for (const p of row) R = Math.max(R, Math.abs(p.ys[p.ys.length - 1]! - p.ys[0]!));
  }
  R = Math.max(R, 1e-300);
  const objective = new Float64Array(nVars);
  const upper = new Float64Array(nVars).fill(Infinity);
  const rows: LinearRow[] = [];
  channels.forEach((c, ci) => {
    for (let t = 0; t < H; t++) {
      const p = pieces[ci]![t]!, s = slopes(p);
      const xv = ci * H + t, rv = C * H + ci * H + t;
      upper[xv] = caps[ci]! / S;
      objective[rv] = 1;
      // effective spend = Σ_{l ≤ t} w_l x_{t−l} (variables) + Σ_{l > t} w_l · current (constant)
      const index: number[] = [], w: number[] = [];
      let carry = 0;
      c.adstock.forEach((wl, l) => {
        if (t - l >= 0) {
          index.push(ci * H + t - l);
          w.push(wl);
        } else carry += wl * c.currentSpend;
      });
      for (let j = 0; j < s.length; j++) {
        // r ≤ y_j + s_j (a − x_j), with r in units of R and spend in units of S
        const sj = s[j]!;
        rows.push({
          name: `line:${ci}:${t}:${j}`,
          index: [rv, ...index],
          coeffs: [1, ...w.map((wl) => -sj * wl * S / R)],
          hi: (p.ys[j]! + sj * (carry - p.xs[j]!)) / R,
        });
      }
      const win = windows?.[ci]?.[t];
      if (win) {
        rows.push({
          name: `window:${ci}:${t}`,
          index,
          coeffs: w,
          lo: (win[0] - carry) / S,
          hi: (win[1] - carry) / S,
        });
      }
    }
  });
  const xs = Array.from({ length: C * H }, (_, i) => i);
  rows.push({ name: "budget", index: xs, coeffs: xs.map(() => 1), lo: 1, hi: 1 });
  const sol = solveLinearProgram({ nVars, objective, sense: "max", upper, binaries: [], rows });
  if (!sol.feasible) return undefined;
  return {
    get: (ci: number) => Float64Array.from({ length: H }, (_, t) => sol.values[ci * H + t]! * S),
  };
}
