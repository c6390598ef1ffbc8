/**
 * The planner page's controller: builds the page from the setup, keeps the scenario, and on
 * every change runs mixlab's own code on the embedded model (forecast with carried-over adstock,
 * the tabulated response curves, the budget optimizer) and redraws what changed.
 *
 * @module
 */
import type { ForecastResult } from "../../forecast/forecast.ts";
import { planToCsv } from "../../forecast/plan_csv.ts";
import { optimizeBudget } from "../../optimize/optimize_budget.ts";
import { interpolateResponses } from "../../optimize/tabulate.ts";
import { forecastChartData } from "../../plot/forecast_spec.ts";
import type { FittedModel } from "../../types.ts";
import { planForecast, planOutcome } from "../plan_outcome.ts";
import { type PlannerSetup, setupTables } from "../planner_setup.ts";
import {
  decodeScenario,
  defaultScenario,
  encodeScenario,
  MAX_HORIZON,
  type Scenario,
} from "../scenario.ts";
import { ChannelCard } from "./channel_card.ts";
import { drawForecast } from "./charts.ts";
import { el, numberField } from "./dom.ts";
import { amount, roundTo, signedAmount, spendStep } from "./format.ts";
import { notesSection } from "./notes.ts";
import { Summary } from "./summary.ts";

/** How long the address waits after the last change before it holds the new scenario. */
const HASH_DELAY_MS = 150;

/** A mutable copy of a scenario. */
interface State {
  horizon: number;
  budget: number;
  spend: number[];
  min: number[];
  max: number[];
}

const copy = (s: Scenario): State => ({
  horizon: s.horizon,
  budget: s.budget,
  spend: [...s.spend],
  min: [...s.min],
  max: [...s.max],
});

/** The planner running in a page. */
export class PlannerApp {
  readonly #setup: PlannerSetup;
  readonly #fit: FittedModel;
  readonly #names: readonly string[];
  readonly #cards: readonly ChannelCard[];
  readonly #summary: Summary;
  readonly #horizon = numberField("horizon", 1, MAX_HORIZON, 1);
  readonly #budget = numberField("budget", 0, undefined, "any");
  readonly #message = el("div", { class: "message", attrs: { id: "message", role: "status" } });
  readonly #forecastChart = el("div", {
    class: "forecast-chart",
    attrs: { id: "forecast-chart" },
  });
  #state: State;
  #reference: { horizon: number; result: ForecastResult } | undefined;
  #plan: ForecastResult | undefined;
  #hashTimer: ReturnType<typeof setTimeout> | undefined;
  /** Width of the forecast chart, measured once (and again when the window is resized). */
  #forecastWidth: number | undefined;

  /** Builds the planner into `root` and shows the scenario of `hash` (or today's spend). */
  constructor(root: HTMLElement, setup: PlannerSetup, fit: FittedModel, hash: string) {
    this.#setup = setup;
    this.#fit = fit;
    this.#names = setup.channels.map((c) => c.name);
    const curves = interpolateResponses(setupTables(setup));
    this.#cards = setup.channels.map((channel, index) =>
      new ChannelCard(
        { channel, index, names: this.#names, kpi: setup.kpi, curve: curves[index]! },
        {
          onSpend: (value, fromSlider) => this.#setSpend(index, value, fromSlider),
          onRange: (least, most) => this.#setRange(index, least, most),
        },
      )
    );
    this.#summary = new Summary(setup.kpi.name);
    let state = copy(defaultScenario(setup)), notice = "";
    if (hash.replace(/^#/, "") !== "") {
      const decoded = decodeScenario(hash, setup);
      if (decoded.ok) state = copy(decoded.scenario);
      else notice = `The link's plan could not be read (${decoded.reason}); showing today's spend.`;
    }
    this.#state = state;
    root.replaceChildren(
      this.#summary.root,
      this.#toolbar(curves),
      this.#message,
      el("section", { class: "panel" }, [
        el("h2", { text: `Weekly ${setup.kpi.name}: recent weeks and the plan` }),
        this.#forecastChart,
      ]),
      el("section", { class: "panel" }, [
        el("h2", { text: "Weekly spend per channel" }),
        el("p", {
          class: "hint",
          text: "Move a slider or type a weekly spend. The curve shows the steady weekly " +
            `${setup.kpi.name} a channel returns at each weekly spend (carryover included): ` +
            "the circle is today, the diamond your plan. The range below each channel bounds " +
            "its slider and what Optimize may choose.",
        }),
        el("div", { class: "channels" }, this.#cards.map((c) => c.root)),
      ]),
      notesSection(setup, fit),
    );
    this.#say(notice);
    this.#syncInputs();
    this.#refresh("all");
    let pending: ReturnType<typeof setTimeout> | undefined;
    addEventListener("resize", () => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        for (const card of this.#cards) card.resize();
        this.#forecastWidth = undefined;
        this.#refresh("all");
      }, 150);
    });
  }

  #toolbar(curves: ReturnType<typeof interpolateResponses>): HTMLElement {
    const button = (id: string, text: string, onClick: () => void, primary = false) => {
      const b = el("button", {
        class: primary ? "primary" : "",
        text,
        attrs: { id, type: "button" },
      });
      b.addEventListener("click", onClick);
      return b;
    };
    this.#horizon.addEventListener("change", () => {
      const h = Math.round(Number(this.#horizon.value));
      if (Number.isInteger(h) && h >= 1 && h <= MAX_HORIZON) {
        this.#state.horizon = h;
        this.#refresh([]);
      } else this.#say(`The plan needs 1 to ${MAX_HORIZON} weeks.`);
      this.#horizon.value = String(this.#state.horizon);
    });
    this.#budget.addEventListener("change", () => {
      const b = Number(this.#budget.value);
      if (this.#budget.value.trim() !== "" && Number.isFinite(b) && b >= 0) {
        this.#state.budget = b;
        this.#writeHash();
      } else this.#say("The budget must be a number ≥ 0.");
      this.#budget.value = String(Math.round(this.#state.budget));
    });
    return el("section", { class: "toolbar" }, [
      el("label", { class: "field" }, ["Plan length (weeks)", this.#horizon]),
      el("label", { class: "field" }, ["Weekly budget to optimize", this.#budget]),
      button("optimize", "Optimize", () => this.#optimize(curves), true),
      button("reset", "Reset", () => {
        this.#state = copy(defaultScenario(this.#setup));
        this.#syncInputs();
        this.#refresh("all");
        this.#say("Back to today's spend.");
      }),
      el("span", { class: "spacer" }),
      button("export", "Export plan (CSV)", () => this.#exportPlan()),
      button("copy-link", "Copy link", () => void this.#copyLink()),
    ]);
  }

  #setSpend(i: number, value: number, fromSlider: boolean): void {
    const s = this.#state, c = this.#setup.channels[i]!;
    if (!Number.isFinite(value)) {
      this.#say("Type a number for the weekly spend.");
      this.#syncInputs();
      return;
    }
    const wanted = roundTo(value, spendStep(c.cap));
    s.spend[i] = Math.min(s.max[i]!, Math.max(s.min[i]!, wanted));
    this.#cards[i]!.sync(s.spend[i]!, s.min[i]!, s.max[i]!, fromSlider);
    this.#refresh([i]);
    if (s.spend[i] !== wanted) {
      this.#say(
        `"${c.name}" stays within its range, ${amount(s.min[i]!)} to ${amount(s.max[i]!)} a ` +
          "week: widen the range below its chart to go further.",
      );
    }
  }

  #setRange(i: number, least: number, most: number): void {
    const c = this.#setup.channels[i]!, s = this.#state;
    const valid = Number.isFinite(least) && Number.isFinite(most) && 0 <= least &&
      least <= most && most <= c.cap;
    if (!valid) {
      this.#say(`The range of "${c.name}" needs 0 ≤ least ≤ most ≤ ${amount(c.cap)}.`);
      this.#syncInputs();
      return;
    }
    s.min[i] = least;
    s.max[i] = most;
    const clamped = Math.min(most, Math.max(least, s.spend[i]!));
    const moved = clamped !== s.spend[i];
    s.spend[i] = clamped;
    this.#cards[i]!.sync(clamped, least, most);
    if (moved) this.#refresh([i]);
    else this.#writeHash();
  }

  #optimize(curves: ReturnType<typeof interpolateResponses>): void {
    const s = this.#state;
    let result;
    try {
      result = optimizeBudget(curves, {
        budget: s.budget,
        bounds: Object.fromEntries(
          this.#names.map((name, i) => [name, { min: s.min[i]!, max: s.max[i]! }]),
        ),
      });
    } catch (e) {
      this.#say(`Cannot optimize: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    s.spend = this.#names.map((name) => result.allocation[name]!);
    this.#syncInputs();
    this.#refresh("all");
    const t = result.totals;
    this.#say(
      `Optimized: ${amount(s.budget)} a week split for the highest steady weekly ` +
        `${this.#setup.kpi.name} response within each channel's range: ` +
        `${signedAmount(t.optimalResponse - t.currentResponse)} a week against today's split.`,
    );
  }

  #exportPlan(): void {
    const plan = this.#plan?.plan;
    if (!plan) return;
    const safe = this.#setup.kpi.name.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 40) || "kpi";
    const name = `plan-${safe}-${plan.dates[0]}-${plan.dates.length}w.csv`;
    const url = URL.createObjectURL(new Blob([planToCsv(plan)], { type: "text/csv" }));
    const a = el("a", { attrs: { href: url, download: name } });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    this.#say(`Exported ${name}: run "deno task mmm forecast --plan ${name}" on it.`);
  }

  async #copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href);
      this.#say("Link copied: it reopens this plan.");
    } catch {
      this.#say(`Copy this link to share the plan: ${location.href}`);
    }
  }

  /** Recomputes the forecasts and redraws the summary, the forecast and the given channels. */
  #refresh(channels: readonly number[] | "all"): void {
    const s = this.#state, setup = this.#setup;
    const options = { weeks: s.horizon, basisWeeks: setup.basisWeeks };
    try {
      if (this.#reference?.horizon !== s.horizon) {
        const today = Object.fromEntries(setup.channels.map((c) => [c.name, c.today]));
        this.#reference = { horizon: s.horizon, result: planForecast(this.#fit, today, options) };
      }
      const spend = Object.fromEntries(this.#names.map((name, i) => [name, s.spend[i]!]));
      this.#plan = planForecast(this.#fit, spend, options);
    } catch (e) {
      this.#say(`Cannot forecast this plan: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const reference = this.#reference.result;
    this.#summary.show({
      outcome: planOutcome(this.#plan, reference),
      reference: reference.total(),
      dates: this.#plan.plan.dates,
      weeklySpend: s.spend.reduce((a, b) => a + b, 0),
      todaySpend: setup.channels.reduce((a, c) => a + c.today, 0),
    });
    this.#drawForecast(this.#plan, reference);
    for (const i of channels === "all" ? this.#names.keys() : channels) {
      this.#cards[i]!.show(s.spend[i]!);
    }
    this.#writeHash();
  }

  #drawForecast(plan: ForecastResult, reference: ForecastResult): void {
    this.#forecastWidth ??= Math.max(560, this.#forecastChart.clientWidth || 1100);
    const data = forecastChartData(this.#fit, plan, {
      historyWeeks: this.#setup.historyWeeks,
      reference: { label: "today's spend", values: reference.mean },
    });
    drawForecast(this.#forecastChart, data, this.#forecastWidth);
  }

  /** Puts the state into every input. */
  #syncInputs(): void {
    const s = this.#state;
    this.#horizon.value = String(s.horizon);
    this.#budget.value = String(Math.round(s.budget));
    this.#cards.forEach((card, i) => card.sync(s.spend[i]!, s.min[i]!, s.max[i]!));
  }

  /**
   * Puts the scenario in the address a moment after the last change: browsers make
   * `history.replaceState` slow (and limit how often it may run), so a dragged slider must not
   * call it on every step.
   */
  #writeHash(): void {
    clearTimeout(this.#hashTimer);
    this.#hashTimer = setTimeout(() => {
      try {
        history.replaceState(null, "", `#${encodeScenario(this.#state)}`);
      } catch {
        // a sandboxed frame (Jupyter) may refuse; the plan still works, only the link is lost
      }
    }, HASH_DELAY_MS);
  }

  #say(text: string): void {
    this.#message.textContent = text;
    this.#message.hidden = text === "";
  }
}
