/**
 * Mediation effects and the result object that carries them: for each upstream channel its
 * direct, indirect (through the mediator) and total effect, each as a point value with a
 * standard error and an interval, per unit of the upstream feature, as totals over the period
 * and per unit of spend.
 *
 * Definitions (Baron & Kenny 1986; VanderWeele 2015, "Explanation in Causal Inference", §2.2), for
 * stage 1 `M = a₀ + Σ a_j X_j + …` and stage 2 `Y = c₀ + b·M + Σ c'_j X_j + …`:
 * direct_j = c'_j, indirect_j = a_j·b, total_j = a_j·b + c'_j, proportion mediated =
 * indirect_j / total_j.
 *
 * @module
 */
import type { Diagnostic } from "../types.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { type Cell, type Table, table } from "../display/table.ts";
import type { SobelTest } from "./sobel.ts";

/** An effect with its uncertainty. */
export interface EffectSummary {
  /** Point estimate (least squares) or posterior mean. */
  readonly estimate: number;
  /** Standard error: delta-method for `"normal"`, the replicates' sd otherwise. */
  readonly stdError: number;
  /** Lower end of the interval at the result's `level`. */
  readonly lower: number;
  /** Upper end of the interval at the result's `level`. */
  readonly upper: number;
}

/** Direct, indirect and total effect on one scale. */
export interface EffectSet {
  /** Effect not through the mediator. */
  readonly direct: EffectSummary;
  /** Effect through the mediator. */
  readonly indirect: EffectSummary;
  /** direct + indirect. */
  readonly total: EffectSummary;
}

/** One upstream channel's mediation effects. */
export interface ChannelEffects {
  /** Upstream channel (or feature) name. */
  readonly channel: string;
  /** Stage-1 coefficient a_j: mediator units per unit of the upstream feature. */
  readonly pathA: number;
  /** Stage-2 coefficient b of the mediator: KPI units per mediator unit. */
  readonly pathB: number;
  /** Effects per unit of the upstream feature. */
  readonly perUnit: EffectSet;
  /** Effects summed over the period, in KPI units (per unit × Σ feature for linear stages). */
  readonly period: EffectSet;
  /** Period effects per unit of spend (period / Σ spend), when spend is known. */
  readonly perSpend: EffectSet | undefined;
  /** indirect / total of the period effects. */
  readonly proportionMediated: number;
  /** Sobel test of a·b (undefined for posterior summaries). */
  readonly sobel: SobelTest | undefined;
}

/**
 * How the intervals were made: normal theory, moving-block bootstrap, Monte Carlo coefficient
 * draws, posterior draws, or `"point"` (no uncertainty: lower = upper = estimate).
 */
export type IntervalMethod = "normal" | "bootstrap" | "monte-carlo" | "posterior" | "point";

/** The fields of a {@link MediationResult}. */
export interface MediationResultInit {
  /** Mediator name. */
  readonly mediator: string;
  /** Outcome (KPI) name. */
  readonly outcome: string;
  /** Effects per upstream channel. */
  readonly effects: readonly ChannelEffects[];
  /** Interval level, e.g. 0.9. */
  readonly level: number;
  /** How the intervals were made. */
  readonly interval: IntervalMethod;
  /** Replicates or draws behind the intervals (0 for `"normal"`). */
  readonly replicates: number;
  /** Stage-1 coefficients by regressor name. */
  readonly stage1: Readonly<Record<string, number>>;
  /** Stage-2 coefficients by regressor name. */
  readonly stage2: Readonly<Record<string, number>>;
  /** Findings (bad controls, failed replicates …). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The result of a mediation analysis. It shows itself as an HTML table in Jupyter and has a
 * plain `toJSON()`.
 *
 * @example Effects of one channel, as a table
 * ```ts
 * import { mediationFromDraws } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * const r = mediationFromDraws({
 *   mediator: "search", outcome: "sales", upstream: ["social"],
 *   pathA: [new Float64Array([0.5, 0.5])], pathB: new Float64Array([2, 2]),
 *   direct: [new Float64Array([1, 1])],
 * });
 * assert.equal(r.channel("social").proportionMediated, 0.5);
 * assert.equal(r.toTable("perUnit").rows.length, 3);
 * ```
 */
export class MediationResult implements MediationResultInit {
  /** Mediator name. */
  readonly mediator: string;
  /** Outcome (KPI) name. */
  readonly outcome: string;
  /** Effects per upstream channel. */
  readonly effects: readonly ChannelEffects[];
  /** Interval level. */
  readonly level: number;
  /** How the intervals were made. */
  readonly interval: IntervalMethod;
  /** Replicates or draws behind the intervals. */
  readonly replicates: number;
  /** Stage-1 coefficients by regressor name. */
  readonly stage1: Readonly<Record<string, number>>;
  /** Stage-2 coefficients by regressor name. */
  readonly stage2: Readonly<Record<string, number>>;
  /** Findings. */
  readonly diagnostics: readonly Diagnostic[];

  /** Wraps computed effects; made by {@link mediateLinear}, {@link mediationFromDraws}. */
  constructor(init: MediationResultInit) {
    this.mediator = init.mediator;
    this.outcome = init.outcome;
    this.effects = init.effects;
    this.level = init.level;
    this.interval = init.interval;
    this.replicates = init.replicates;
    this.stage1 = init.stage1;
    this.stage2 = init.stage2;
    this.diagnostics = init.diagnostics;
  }

  /** The effects of one upstream channel. */
  channel(name: string): ChannelEffects {
    const found = this.effects.find((e) => e.channel === name);
    if (found === undefined) {
      throw new RangeError(
        `Cannot find effects: "${name}" is not an upstream channel (have ${
          this.effects.map((e) => `"${e.channel}"`).join(", ")
        })`,
      );
    }
    return found;
  }

  /**
   * A table with one row per upstream channel and effect kind.
   *
   * @param scale Which effects to show. @default "period"
   */
  toTable(scale: "perUnit" | "period" | "perSpend" = "period"): Table {
    const pct = Math.round(this.level * 100);
    const rows: Record<string, Cell>[] = [];
    for (const e of this.effects) {
      const set = e[scale];
      if (set === undefined) continue;
      for (const kind of ["direct", "indirect", "total"] as const) {
        const s = set[kind];
        rows.push({
          channel: e.channel,
          effect: kind,
          estimate: s.estimate,
          "std. error": s.stdError,
          [`${pct}% lower`]: s.lower,
          [`${pct}% upper`]: s.upper,
          "share mediated": kind === "total" ? e.proportionMediated : undefined,
          "Sobel p": kind === "indirect" ? e.sobel?.pValue : undefined,
        });
      }
    }
    const unit = scale === "perUnit"
      ? "per unit of feature"
      : scale === "period"
      ? "over the period"
      : "per unit of spend";
    return table(rows, {
      caption:
        `Effects of upstream channels on "${this.outcome}" through "${this.mediator}", ${unit} (${this.interval} intervals)`,
    });
  }

  /** A plain JSON form of the result. */
  toJSON(): MediationResultInit {
    return {
      mediator: this.mediator,
      outcome: this.outcome,
      effects: this.effects,
      level: this.level,
      interval: this.interval,
      replicates: this.replicates,
      stage1: this.stage1,
      stage2: this.stage2,
      diagnostics: this.diagnostics,
    };
  }

  /** Shows the period effects as an HTML table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }

  /** `"MediationResult"`. */
  get [Symbol.toStringTag](): string {
    return "MediationResult";
  }
}
