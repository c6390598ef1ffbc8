/**
 * A planner scenario: the plan's horizon, each channel's weekly spend and optimizer range, and
 * the weekly budget to optimize. It lives in the page's URL hash, so a link reopens it; numbers
 * are written in full (shortest round-trip form), so a reopened scenario is the same plan.
 *
 * @module
 */
import type { PlannerSetup } from "./planner_setup.ts";

/** What the reader has set; arrays follow the setup's channel order. */
export interface Scenario {
  /** Weeks of the plan. */
  readonly horizon: number;
  /** Weekly budget for Optimize. */
  readonly budget: number;
  /** Planned weekly spend per channel. */
  readonly spend: readonly number[];
  /** Least weekly spend per channel (optimizer range and slider minimum). */
  readonly min: readonly number[];
  /** Most weekly spend per channel (optimizer range and slider maximum). */
  readonly max: readonly number[];
}

/** Longest plan, in weeks. */
export const MAX_HORIZON = 104;

/**
 * Today's spend on every channel, its whole range open to the optimizer, today's total as the
 * budget, and the setup's horizon.
 */
export function defaultScenario(setup: PlannerSetup): Scenario {
  const spend = setup.channels.map((c) => c.today);
  return {
    horizon: setup.horizon,
    budget: spend.reduce((a, b) => a + b, 0),
    spend,
    min: setup.channels.map(() => 0),
    max: setup.channels.map((c) => c.cap),
  };
}

/** The scenario as a URL hash (without `#`). */
export function encodeScenario(s: Scenario): string {
  const list = (xs: readonly number[]) => xs.map(String).join(",");
  return `h=${s.horizon}&b=${s.budget}&s=${list(s.spend)}&lo=${list(s.min)}&hi=${list(s.max)}`;
}

/** A decoded scenario, or why a hash is not one for this planner. */
export type DecodedScenario =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads a hash written by {@link encodeScenario} for the same setup, checking every number: the
 * channel count, finite values, 0 ≤ min ≤ spend ≤ max ≤ the channel's cap, a whole horizon.
 *
 * @example A hash round trip
 * ```ts
 * import { decodeScenario, encodeScenario } from "mixlab/planner/mod.ts";
 * import assert from "node:assert/strict";
 * const setup = {
 *   version: 1 as const, title: "", source: "", kpi: { name: "sales", kind: "revenue" as const },
 *   basisWeeks: 13, horizon: 13, historyWeeks: 26,
 *   channels: [{ name: "tv", today: 10, cap: 30, spend: [0, 30], response: [0, 5] }],
 * };
 * const scenario = { horizon: 8, budget: 12, spend: [1 / 3], min: [0], max: [20] };
 * assert.deepEqual(decodeScenario(encodeScenario(scenario), setup), { ok: true, scenario });
 * assert.equal(decodeScenario("h=8&s=40", setup).ok, false);
 * ```
 */
export function decodeScenario(hash: string, setup: PlannerSetup): DecodedScenario {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const n = setup.channels.length;
  const fail = (reason: string): DecodedScenario => ({ ok: false, reason });
  const number = (text: string | null): number =>
    text === null || text.trim() === "" ? NaN : Number(text);
  const list = (key: string): number[] | undefined => {
    const text = params.get(key);
    const xs = text === null ? [] : text.split(",").map(number);
    return xs.length === n && xs.every((x) => Number.isFinite(x) && x >= 0) ? xs : undefined;
  };
  const horizon = number(params.get("h"));
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    return fail(`the horizon must be 1 to ${MAX_HORIZON} weeks`);
  }
  const budget = number(params.get("b"));
  if (!Number.isFinite(budget) || budget < 0) return fail("the budget must be a number ≥ 0");
  const spend = list("s"), min = list("lo"), max = list("hi");
  if (!spend || !min || !max) {
    return fail(`it needs ${n} spends and ranges (numbers ≥ 0), one per channel`);
  }
  for (let i = 0; i < n; i++) {
    const c = setup.channels[i]!;
    if (!(min[i]! <= spend[i]! && spend[i]! <= max[i]! && max[i]! <= c.cap)) {
      return fail(`channel "${c.name}" needs min ≤ spend ≤ max ≤ ${c.cap}`);
    }
  }
  return { ok: true, scenario: { horizon, budget, spend, min, max } };
}
