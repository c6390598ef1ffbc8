/**
 * The result of every optimizer mode: the plan keyed by channel name, why it is optimal
 * (marginal ROAS equal across unconstrained channels, the constraints that bind, the gap to an
 * upper bound), and how it compares with current spend. It displays itself as an HTML table in
 * Jupyter and has a plain JSON form.
 *
 * @module
 */
import { escapeHtml, formatNumber } from "../_internal/html.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { Table } from "../display/table.ts";
import type { Diagnostic } from "../types.ts";

/** One channel's line of an allocation. */
export interface ChannelAllocation {
  /** Channel name. */
  readonly name: string;
  /** Current spend per period. */
  readonly currentSpend: number;
  /** Recommended spend per period. */
  readonly optimalSpend: number;
  /** Recommended minus current spend. */
  readonly change: number;
  /** Relative change (NaN when current spend is 0). */
  readonly changePct: number;
  /** KPI at current spend. */
  readonly currentResponse: number;
  /** KPI at recommended spend. */
  readonly optimalResponse: number;
  /** Average ROAS (KPI per money) at recommended spend (NaN at zero spend). */
  readonly roas: number;
  /**
   * Marginal ROAS (derivative of the response curve) at recommended spend: one-sided at a
   * bound (forward at the lower, backward at the upper bound).
   */
  readonly marginalRoas: number;
  /** The resolved lower bound. */
  readonly lowerBound: number;
  /** The resolved upper bound. */
  readonly upperBound: number;
  /** Which bound holds the channel, if any. */
  readonly binding: "lower" | "upper" | "locked" | undefined;
}

/** A constraint that holds with equality at the answer. */
export interface BindingConstraint {
  /** What kind of constraint. */
  readonly kind:
    | "budget"
    | "target"
    | "roas"
    | "group-min-share"
    | "group-max-share"
    | "group-min"
    | "group-max";
  /** Group name for group constraints. */
  readonly group?: string;
  /** The constraint's value (budget, target, share …). */
  readonly value: number;
}

/** The distribution of the lift of the plan over current spend, across posterior draws. */
export interface LiftDistribution {
  /** Requested quantile levels and the lift at each. */
  readonly quantiles: readonly { readonly level: number; readonly value: number }[];
  /** Mean lift over draws. */
  readonly mean: number;
  /** Share of draws in which the plan beats current spend. */
  readonly probPositive: number;
  /** Lift in each draw. */
  readonly draws: Float64Array;
}

/** Totals of an allocation. */
export interface AllocationTotals {
  /** Total current spend. */
  readonly currentSpend: number;
  /** Total recommended spend. */
  readonly optimalSpend: number;
  /** Total KPI at current spend. */
  readonly currentResponse: number;
  /** Total KPI at recommended spend. */
  readonly optimalResponse: number;
  /** optimalResponse − currentResponse. */
  readonly lift: number;
  /** lift / currentResponse. */
  readonly liftPct: number;
}

/** Everything an {@link AllocationResult} holds. */
export interface AllocationResultInit {
  /** Which optimizer mode produced it. */
  readonly mode: "max-response" | "min-spend" | "target-efficiency" | "baseline";
  /** How it was solved. */
  readonly method: string;
  /** One line per channel. */
  readonly channels: readonly ChannelAllocation[];
  /** Totals and lift. */
  readonly totals: AllocationTotals;
  /** The piecewise-linear program's optimum. */
  readonly pwlObjective: number;
  /** Upper bound on the best total response, where the mode has one. */
  readonly upperBound: number | undefined;
  /** Constraints that hold with equality. */
  readonly binding: readonly BindingConstraint[];
  /** Lift over posterior draws, when channels carry draws. */
  readonly lift: LiftDistribution | undefined;
  /** Non-fatal findings. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A recommended budget allocation.
 *
 * @example Reading an allocation by channel name
 * ```ts
 * import { optimizeBudget } from "mixlab";
 * import assert from "node:assert/strict";
 * const plan = optimizeBudget([
 *   { name: "tv", currentSpend: 50, response: (x) => 100 * Math.log1p(x / 100) },
 *   { name: "search", currentSpend: 50, response: (x) => 100 * Math.log1p(x / 100) },
 * ], { budget: 100 });
 * assert.ok(Math.abs(plan.allocation.tv! - 50) < 0.5);
 * assert.equal(plan.channels.length, 2);
 * ```
 */
export class AllocationResult {
  /** Which optimizer mode produced it. */
  readonly mode: AllocationResultInit["mode"];
  /** How it was solved: `"lp"`, `"milp"`, `"dp"`, or a baseline's name. */
  readonly method: string;
  /** One line per channel, in input order. */
  readonly channels: readonly ChannelAllocation[];
  /** Recommended spend keyed by channel name. */
  readonly allocation: Readonly<Record<string, number>>;
  /** Totals and lift over current spend. */
  readonly totals: AllocationTotals;
  /**
   * The piecewise-linear program's optimum: total response, total spend in min-spend mode, or
   * the mean response of the worst draws for `"cvar-lp"`.
   */
  readonly pwlObjective: number;
  /** An upper bound on the best achievable total response (budget modes). */
  readonly upperBound: number | undefined;
  /** (upperBound − optimal response) / optimal response: how far from optimal it can be. */
  readonly gap: number | undefined;
  /** Constraints that hold with equality. */
  readonly binding: readonly BindingConstraint[];
  /** Lift over current spend across posterior draws (when channels carry draws). */
  readonly lift: LiftDistribution | undefined;
  /** Non-fatal findings. */
  readonly diagnostics: readonly Diagnostic[];

  /** Wraps a solved allocation; the optimizer functions build it. */
  constructor(init: AllocationResultInit) {
    this.mode = init.mode;
    this.method = init.method;
    this.channels = init.channels;
    this.allocation = Object.freeze(
      Object.fromEntries(init.channels.map((c) => [c.name, c.optimalSpend])),
    );
    this.totals = init.totals;
    this.pwlObjective = init.pwlObjective;
    this.upperBound = init.upperBound;
    const slack = init.upperBound === undefined
      ? undefined
      : Math.max(0, init.upperBound - init.totals.optimalResponse);
    this.gap = slack === undefined
      ? undefined
      : slack === 0
      ? 0
      : slack / Math.abs(init.totals.optimalResponse);
    this.binding = init.binding;
    this.lift = init.lift;
    this.diagnostics = init.diagnostics;
  }

  /**
   * The common marginal ROAS of the channels no bound holds (the budget's shadow price), and
   * the relative spread of their marginal ROAS ((max − min) / mean); NaN without free channels.
   */
  get marginalRoas(): { readonly value: number; readonly spread: number } {
    const free = this.channels.filter((c) => c.binding === undefined).map((c) => c.marginalRoas);
    if (free.length === 0) return { value: NaN, spread: NaN };
    const mean = free.reduce((a, b) => a + b, 0) / free.length;
    return { value: mean, spread: (Math.max(...free) - Math.min(...free)) / Math.abs(mean) };
  }

  /** The per-channel table (spend, response, ROAS, marginal ROAS, binding bound). */
  toTable(): Table {
    return new Table(
      this.channels.map((c) => ({
        channel: c.name,
        "current spend": c.currentSpend,
        "optimal spend": c.optimalSpend,
        "change %": Number.isFinite(c.changePct) ? 100 * c.changePct : undefined,
        "current KPI": c.currentResponse,
        "optimal KPI": c.optimalResponse,
        ROAS: Number.isFinite(c.roas) ? c.roas : undefined,
        "marginal ROAS": c.marginalRoas,
        bound: c.binding ?? "",
      })),
      { caption: this.#summary() },
    );
  }

  #summary(): string {
    const t = this.totals;
    const parts = [
      `${this.mode} (${this.method})`,
      `spend ${formatNumber(t.currentSpend)} → ${formatNumber(t.optimalSpend)}`,
      `KPI ${formatNumber(t.currentResponse)} → ${formatNumber(t.optimalResponse)}`,
      `lift ${formatNumber(t.lift)} (${formatNumber(100 * t.liftPct, 3)}%)`,
    ];
    if (this.gap !== undefined) parts.push(`gap ≤ ${formatNumber(100 * this.gap, 2)}%`);
    const m = this.marginalRoas;
    if (Number.isFinite(m.value)) {
      parts.push(`marginal ROAS of free channels ${formatNumber(m.value)}`);
    }
    if (this.lift) {
      const q = this.lift.quantiles.map((x) => `q${x.level}: ${formatNumber(x.value)}`).join(", ");
      parts.push(`lift over draws ${q}, P(lift > 0) = ${formatNumber(this.lift.probPositive, 3)}`);
    }
    return parts.join("; ");
  }

  /** A plain JSON form (allocation keyed by channel name). */
  toJSON(): Record<string, unknown> {
    return {
      mode: this.mode,
      method: this.method,
      allocation: this.allocation,
      channels: this.channels,
      totals: this.totals,
      pwlObjective: this.pwlObjective,
      upperBound: this.upperBound,
      gap: this.gap,
      marginalRoas: this.marginalRoas,
      binding: this.binding,
      lift: this.lift && {
        quantiles: this.lift.quantiles,
        mean: this.lift.mean,
        probPositive: this.lift.probPositive,
        draws: Array.from(this.lift.draws),
      },
      diagnostics: this.diagnostics,
    };
  }

  /** Shows the allocation table (and binding constraints) in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const table = this.toTable();
    const binding = this.binding.length === 0 ? "" : "<p>Binding: " +
      this.binding.map((b) =>
        escapeHtml(`${b.kind}${b.group ? ` "${b.group}"` : ""} = ${formatNumber(b.value)}`)
      ).join(", ") + "</p>";
    const notes = this.diagnostics.map((d) => `<p>${escapeHtml(d.message)}</p>`).join("");
    return {
      "text/html": table.toHtml() + binding + notes,
      "text/plain": table.toText(),
    };
  }

  /** `AllocationResult: max-response, 3 channels`. */
  get [Symbol.toStringTag](): string {
    return `AllocationResult: ${this.mode}, ${this.channels.length} channels`;
  }
}
