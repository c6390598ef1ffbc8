/**
 * The planner page's summary strip: the predicted KPI over the plan, its change against today's
 * spend, the weekly media spend, and the return on the change, with 90% intervals for models
 * with draws. Each value keeps its exact number in `data-value` (and its interval in
 * `data-lower`/`data-upper`), what tests and scripts read.
 *
 * @module
 */
import type { PlanOutcome } from "../plan_outcome.ts";
import { el } from "./dom.ts";
import { amount, percent, ratio, signedAmount, trend } from "./format.ts";

/** The live elements of one summary tile. */
interface Tile {
  readonly root: HTMLElement;
  readonly value: HTMLElement;
  readonly notes: HTMLElement;
}

/** What a tile shows. */
interface TileContent {
  readonly exact: number;
  readonly text: string;
  readonly notes: readonly string[];
  /** Colours the value as a gain or a loss. */
  readonly sign?: number;
  readonly interval?: readonly [number, number] | undefined;
}

function tile(id: string, label: string): Tile {
  const value = el("div", { class: "value" });
  const notes = el("div", { class: "notes" });
  const root = el("div", { class: "tile", attrs: { "data-metric": id } }, [
    el("div", { class: "label", text: label }),
    value,
    notes,
  ]);
  return { root, value, notes };
}

function setTile(t: Tile, c: TileContent): void {
  t.value.textContent = c.text;
  t.value.dataset.value = String(c.exact);
  if (c.interval) {
    t.value.dataset.lower = String(c.interval[0]);
    t.value.dataset.upper = String(c.interval[1]);
  }
  t.value.className = `value ${c.sign === undefined ? "" : trend(c.sign)}`;
  t.notes.replaceChildren(...c.notes.map((n) => el("div", { text: n })));
}

/** A plan as the summary shows it. */
export interface SummaryInput {
  /** The plan against today's spend. */
  readonly outcome: PlanOutcome;
  /** Total predicted KPI at today's spend over the same weeks. */
  readonly reference: number;
  /** The plan's weeks. */
  readonly dates: readonly string[];
  /** Planned and today's total weekly spend. */
  readonly weeklySpend: number;
  readonly todaySpend: number;
}

/** The summary strip. */
export class Summary {
  /** The strip's element. */
  readonly root: HTMLElement;
  readonly #kpi: string;
  readonly #tiles: Record<"predicted" | "change" | "spend" | "return", Tile>;

  /** Builds the four tiles for a KPI. */
  constructor(kpi: string) {
    this.#kpi = kpi;
    this.#tiles = {
      predicted: tile("predicted", `Predicted ${kpi}`),
      change: tile("change", "Change vs. today's spend"),
      spend: tile("spend", "Weekly media spend"),
      return: tile("return", "Return on the change"),
    };
    this.root = el(
      "section",
      { class: "summary", attrs: { "aria-label": "Plan summary" } },
      Object.values(this.#tiles).map((t) => t.root),
    );
  }

  /** Shows a plan. */
  show(input: SummaryInput): void {
    const { outcome, reference, dates, weeklySpend: weekly, todaySpend: today } = input;
    const weeks = dates.length;
    const interval = (iv: readonly [number, number] | undefined, f: (x: number) => string) =>
      iv ? [`90% interval ${f(iv[0])} to ${f(iv[1])}`] : [];
    setTile(this.#tiles.predicted, {
      exact: outcome.total,
      text: amount(outcome.total),
      notes: [
        ...interval(outcome.totalInterval, amount),
        `${weeks} weeks, ${dates[0]} to ${dates[weeks - 1]}`,
      ],
      interval: outcome.totalInterval,
    });
    setTile(this.#tiles.change, {
      exact: outcome.change,
      text: signedAmount(outcome.change),
      notes: [
        ...interval(outcome.changeInterval, signedAmount),
        `${percent(outcome.change / reference)} on ${amount(reference)} at today's spend`,
      ],
      sign: outcome.change,
      interval: outcome.changeInterval,
    });
    setTile(this.#tiles.spend, {
      exact: weekly,
      text: amount(weekly),
      notes: [
        `today ${amount(today)} (${percent((weekly - today) / today)})`,
        `${amount(weekly * weeks)} over ${weeks} weeks`,
      ],
    });
    const extraSpend = (weekly - today) * weeks;
    const meaningful = Math.abs(extraSpend) > 1e-3 * Math.max(today * weeks, 1);
    const r = meaningful ? outcome.change / extraSpend : NaN;
    setTile(this.#tiles.return, {
      exact: r,
      text: meaningful ? ratio(r) : "–",
      notes: meaningful
        ? [`extra ${this.#kpi} per extra unit of spend, within the plan's weeks`]
        : ["total spend as today: any change comes from the split"],
    });
  }
}
