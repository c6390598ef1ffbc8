/**
 * Scenarios: spend plans compared side by side on one fitted model — the KPI each delivers, its
 * lift over a base plan, and each channel's incremental ROAS within the plan, with intervals where
 * the model has posterior draws (lifts are computed per draw, so the interval is of the
 * difference, not a difference of intervals).
 *
 * @module
 */
import { sum } from "../_internal/array.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { quantile } from "../_internal/quantile.ts";
import { drawIndices, type Estimate } from "../analysis/roas.ts";
import { ConfigError } from "../errors.ts";
import { withSpend } from "../mmm_data.ts";
import { Table } from "../display/table.ts";
import type { FittedModel, MmmData } from "../types.ts";

/** One scenario's outcome. */
export interface ScenarioOutcome {
  /** Scenario name. */
  readonly name: string;
  /** Total spend over the plan, all channels. */
  readonly spend: number;
  /** Total predicted KPI over the plan. */
  readonly kpi: Estimate;
  /** KPI minus the base scenario's KPI. */
  readonly lift: Estimate;
  /** Lift relative to the base scenario's KPI. */
  readonly liftPercent: number;
  /**
   * Per channel: plan spend and incremental ROAS, i.e. (KPI of the plan − KPI with the channel's
   * plan spend at zero) / plan spend. Carryover from the history cancels out.
   */
  readonly channels: readonly {
    readonly channel: string;
    readonly spend: number;
    readonly roas: number;
  }[];
}

/** Options of {@link compareScenarios}. */
export interface CompareScenariosOptions {
  /** Name of the scenario the others are compared to. @default the first one */
  readonly base?: string;
  /** Weeks before the plans, whose spend carries over. @default the model's training data */
  readonly history?: MmmData;
  /** Interval probability, for models with draws. @default 0.9 */
  readonly level?: number;
  /** Most posterior draws to use. @default 200 */
  readonly maxDraws?: number;
}

/** Scenario outcomes side by side; shows itself as a table. */
export class ScenarioComparison {
  /** The base scenario's name. */
  readonly base: string;
  /** Outcomes in the order given. */
  readonly outcomes: readonly ScenarioOutcome[];

  /** Wraps computed outcomes; prefer {@link compareScenarios}. */
  constructor(base: string, outcomes: readonly ScenarioOutcome[]) {
    this.base = base;
    this.outcomes = outcomes;
  }

  /** Outcomes as a table. */
  toTable(): Table {
    return new Table(
      this.outcomes.map((o) => ({
        scenario: o.name,
        spend: o.spend,
        KPI: o.kpi.value,
        lift: o.lift.value,
        "lift low": o.lift.lower,
        "lift high": o.lift.upper,
        "lift %": 100 * o.liftPercent,
        ...Object.fromEntries(o.channels.map((c) => [`ROAS ${c.channel}`, c.roas])),
      })),
      { caption: `Scenarios compared with "${this.base}"` },
    );
  }

  /** Plain JSON form. */
  toJSON(): unknown {
    return { base: this.base, outcomes: this.outcomes };
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Compares spend plans (same weeks, different spends) on one fitted model.
 */
export function compareScenarios(
  fit: FittedModel,
  scenarios: Readonly<Record<string, MmmData>>,
  options: CompareScenariosOptions = {},
): ScenarioComparison {
  const names = Object.keys(scenarios);
  const base = options.base ?? names[0];
  if (base === undefined || !(base in scenarios)) {
    throw new ConfigError(
      `Cannot compare scenarios: base "${base ?? ""}" is not one of ${
        names.map((n) => `"${n}"`).join(", ")
      }`,
      { key: "base" },
    );
  }
  const history = options.history ?? fit.data;
  const level = options.level ?? 0.9;
  const draws = drawIndices(fit.nDraws, options.maxDraws ?? 200);
  const totals = (plan: MmmData): number[] =>
    draws.length === 0
      ? [sum(fit.predict(plan, { history }))]
      : draws.map((draw) => sum(fit.predict(plan, { history, draw })));
  const baseTotals = totals(scenarios[base] as MmmData);
  const baseMean = sum(fit.predict(scenarios[base] as MmmData, { history }));
  const outcomes = names.map((name): ScenarioOutcome => {
    const plan = scenarios[name] as MmmData;
    const kpiDraws = totals(plan);
    const kpi = sum(fit.predict(plan, { history }));
    const lifts = kpiDraws.map((k, i) => k - (baseTotals[i] as number));
    const channels = plan.channels.map((c) => {
      const spend = sum(c.spend);
      const without = sum(
        fit.predict(withSpend(plan, { [c.name]: new Float64Array(c.spend.length) }), { history }),
      );
      return { channel: c.name, spend, roas: spend === 0 ? 0 : (kpi - without) / spend };
    });
    return {
      name,
      spend: channels.reduce((a, c) => a + c.spend, 0),
      kpi: interval(kpi, kpiDraws, level),
      lift: interval(kpi - baseMean, lifts, level),
      liftPercent: (kpi - baseMean) / baseMean,
      channels,
    };
  });
  return new ScenarioComparison(base, outcomes);
}

function interval(value: number, draws: number[], level: number): Estimate {
  if (draws.length < 2) return { value };
  return {
    value,
    lower: quantile(draws, (1 - level) / 2),
    upper: quantile(draws, 1 - (1 - level) / 2),
  };
}
