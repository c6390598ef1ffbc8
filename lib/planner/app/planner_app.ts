/**
 * The planner page's controller: builds the controls from the setup, keeps the scenario, and on
 * every change runs mixlab's own code on the embedded model (forecast with carried-over adstock,
 * the tabulated response curves, the budget optimizer) and redraws what changed.
 *
 * @module
 */
import { marginalResponse } from "../../analysis/response_curve.ts";
import type { ForecastResult } from "../../forecast/forecast.ts";
import { planToCsv } from "../../forecast/plan_csv.ts";
import { optimizeBudget } from "../../optimize/optimize_budget.ts";
import { interpolateResponses } from "../../optimize/tabulate.ts";
import type { ChannelResponse } from "../../optimize/types.ts";
import { PALETTE } from "../../plot/theme.ts";
import type { FittedModel } from "../../types.ts";
import { planForecast, type PlanOutcome, planOutcome } from "../plan_outcome.ts";
import { type PlannerSetup, setupTables } from "../planner_setup.ts";
import {
  decodeScenario,
  defaultScenario,
  encodeScenario,
  MAX_HORIZON,
  type Scenario,
} from "../scenario.ts";
import { drawCurve, drawForecast } from "./charts.ts";
import { el } from "./dom.ts";
import { amount, percent, ratio, signedAmount } from "./format.ts";

/** The live elements of one channel card. */
interface ChannelCard {
  readonly slider: HTMLInputElement;
  readonly input: HTMLInputElement;
  readonly min: HTMLInputElement;
  readonly max: HTMLInputElement;
  readonly todayMark: HTMLElement;
  readonly change: HTMLElement;
  readonly metrics: readonly [HTMLElement, HTMLElement, HTMLElement];
  readonly curve: HTMLElement;
}

/** The live elements of one summary tile. */
interface Tile {
  readonly root: HTMLElement;
  readonly value: HTMLElement;
  readonly notes: HTMLElement;
}

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
  readonly #curves: readonly ChannelResponse[];
  readonly #names: readonly string[];
  readonly #cards: ChannelCard[] = [];
  readonly #tiles: Record<"predicted" | "change" | "spend" | "return", Tile>;
  readonly #horizon: HTMLInputElement;
  readonly #budget: HTMLInputElement;
  readonly #message: HTMLElement;
  readonly #forecastChart: HTMLElement;
  #state: State;
  #reference: { horizon: number; result: ForecastResult } | undefined;
  #plan: ForecastResult | undefined;

  /** Builds the planner into `root` and shows the scenario of `hash` (or today's spend). */
  constructor(root: HTMLElement, setup: PlannerSetup, fit: FittedModel, hash: string) {
    this.#setup = setup;
    this.#fit = fit;
    this.#curves = interpolateResponses(setupTables(setup));
    this.#names = setup.channels.map((c) => c.name);
    this.#message = el("div", { class: "message", attrs: { id: "message", role: "status" } });
    let state = copy(defaultScenario(setup));
    let notice = "";
    if (hash.replace(/^#/, "") !== "") {
      const decoded = decodeScenario(hash, setup);
      if (decoded.ok) state = copy(decoded.scenario);
      else notice = `The link's plan could not be read (${decoded.reason}); showing today's spend.`;
    }
    this.#state = state;
    this.#horizon = numberField("horizon", 1, MAX_HORIZON, 1);
    this.#budget = numberField("budget", 0, undefined, "any");
    this.#tiles = {
      predicted: tile("predicted", `Predicted ${setup.kpi.name}`),
      change: tile("change", "Change vs. today's spend"),
      spend: tile("spend", "Weekly media spend"),
      return: tile("return", "Return on the change"),
    };
    this.#forecastChart = el("div", { class: "forecast-chart", attrs: { id: "forecast-chart" } });
    root.replaceChildren(
      el("section", { class: "summary", attrs: { "aria-label": "Plan summary" } }, [
        this.#tiles.predicted.root,
        this.#tiles.change.root,
        this.#tiles.spend.root,
        this.#tiles.return.root,
      ]),
      this.#toolbar(),
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
        el("div", { class: "channels" }, setup.channels.map((_, i) => this.#card(i))),
      ]),
      this.#notes(),
    );
    this.#say(notice);
    this.#syncInputs();
    this.#refresh("all");
    let pending: ReturnType<typeof setTimeout> | undefined;
    addEventListener("resize", () => {
      clearTimeout(pending);
      pending = setTimeout(() => this.#drawForecast(), 150);
    });
  }

  #toolbar(): HTMLElement {
    const button = (id: string, text: string, primary = false) =>
      el("button", { class: primary ? "primary" : "", text, attrs: { id, type: "button" } });
    const optimize = button("optimize", "Optimize", true);
    const reset = button("reset", "Reset");
    const exportPlan = button("export", "Export plan (CSV)");
    const copyLink = button("copy-link", "Copy link");
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
    optimize.addEventListener("click", () => this.#optimize());
    reset.addEventListener("click", () => {
      this.#state = copy(defaultScenario(this.#setup));
      this.#syncInputs();
      this.#refresh("all");
      this.#say("Back to today's spend.");
    });
    exportPlan.addEventListener("click", () => this.#exportPlan());
    copyLink.addEventListener("click", () => this.#copyLink());
    return el("section", { class: "toolbar" }, [
      el("label", { class: "field" }, ["Plan length (weeks)", this.#horizon]),
      el("label", { class: "field" }, ["Weekly budget to optimize", this.#budget]),
      optimize,
      reset,
      el("span", { class: "spacer" }),
      exportPlan,
      copyLink,
    ]);
  }

  #card(i: number): HTMLElement {
    const c = this.#setup.channels[i]!;
    const color = PALETTE[i % PALETTE.length]!;
    const slider = el("input", {
      class: "spend-slider",
      attrs: { type: "range", step: "any", "aria-label": `Weekly spend on ${c.name}` },
    });
    const input = numberField("", 0, c.cap, "any");
    input.classList.add("spend-input");
    input.setAttribute("aria-label", `Weekly spend on ${c.name} (number)`);
    const min = numberField("", 0, c.cap, "any"), max = numberField("", 0, c.cap, "any");
    min.classList.add("min-input");
    max.classList.add("max-input");
    min.setAttribute("aria-label", `Least weekly spend on ${c.name}`);
    max.setAttribute("aria-label", `Most weekly spend on ${c.name}`);
    const todayMark = el("span", { class: "today-mark", text: `today ${amount(c.today)}` });
    const change = el("span", { class: "change" });
    const metric = () => el("b");
    const metrics = [metric(), metric(), metric()] as const;
    const conversions = this.#setup.kpi.kind === "conversions";
    const curve = el("div", { class: "curve" });
    this.#cards[i] = { slider, input, min, max, todayMark, change, metrics, curve };
    slider.addEventListener("input", () => this.#setSpend(i, Number(slider.value), slider));
    input.addEventListener("change", () => this.#setSpend(i, Number(input.value), input));
    const onRange = () => this.#setRange(i, Number(min.value), Number(max.value));
    min.addEventListener("change", onRange);
    max.addEventListener("change", onRange);
    return el("article", {
      class: "channel",
      attrs: { "data-channel-index": String(i), style: `--c:${color}` },
    }, [
      el("header", {}, [el("span", { class: "swatch" }), el("h3", { text: c.name }), change]),
      el("div", { class: "spend" }, [
        el("div", { class: "track" }, [slider, todayMark]),
        el("label", { class: "money" }, [input, el("span", { text: "/ week" })]),
      ]),
      el("div", { class: "metrics" }, [
        el("div", {}, [metrics[0], el("span", { text: conversions ? "CPA" : "ROAS" })]),
        el("div", {}, [metrics[1], el("span", { text: conversions ? "marginal CPA" : "mROAS" })]),
        el("div", {}, [metrics[2], el("span", { text: `weekly ${this.#setup.kpi.name}` })]),
      ]),
      curve,
      el("div", { class: "bounds" }, [
        el("span", { text: "Range" }),
        min,
        el("span", { text: "to" }),
        max,
        el("span", { text: "/ week" }),
      ]),
    ]);
  }

  #notes(): HTMLElement {
    const s = this.#setup, fit = this.#fit;
    const n = fit.data.dates.length, kpi = s.kpi.name;
    const items = [
      `Every number comes from the fitted ${fit.kind} model (${n} weeks of data, ` +
      `${fit.data.dates[0]} to ${fit.data.dates[n - 1]}), run by mixlab's own code inside this ` +
      "page. Nothing is sent anywhere; the page works offline.",
      `Predicted ${kpi} adds up the model's weekly prediction over the plan's weeks, which start ` +
      "the week after the data ends. Spend of the final data weeks keeps working into the plan " +
      `(carryover); controls are held at their average of the last ${s.basisWeeks} weeks.`,
      `Today's spend is each channel's average weekly spend over the last ${s.basisWeeks} weeks. ` +
      "The change compares the plan with keeping today's spend for the same weeks.",
      `${s.kpi.kind === "conversions" ? "CPA is spend ÷ response" : "ROAS is response ÷ spend"}` +
      ` at the planned weekly spend, on the steady-state response curve; ${
        s.kpi.kind === "conversions" ? "marginal CPA" : "mROAS"
      } is the same for the next unit of money. Return on the change is the change in ` +
      `${kpi} divided by the change in total spend within the plan's weeks.`,
      "Optimize splits the weekly budget across channels for the highest total steady weekly " +
      "response within each channel's range (the optimizer of `mmm optimize`).",
      ...(fit.nDraws > 0
        ? [
          `Intervals are the central 90% over up to 200 of the model's ${fit.nDraws} posterior ` +
          "draws; the change is compared draw by draw.",
        ]
        : []),
      "Export plan writes the weekly plan as CSV for `deno task mmm forecast --plan`. " +
      "The page's address holds the plan: copy the link to share or reopen it.",
    ];
    return el("section", { class: "panel notes" }, [
      el("h2", { text: "How to read this page" }),
      el("ul", {}, items.map((text) => el("li", { text }))),
    ]);
  }

  #setSpend(i: number, value: number, source: HTMLInputElement): void {
    const s = this.#state;
    if (!Number.isFinite(value)) {
      this.#say("Type a number for the weekly spend.");
      this.#syncInputs();
      return;
    }
    const step = spendStep(this.#setup.channels[i]!.cap);
    s.spend[i] = Math.min(s.max[i]!, Math.max(s.min[i]!, roundTo(value, step)));
    this.#syncChannel(i, source);
    this.#refresh([i]);
  }

  #setRange(i: number, lo: number, hi: number): void {
    const c = this.#setup.channels[i]!, s = this.#state;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && 0 <= lo && lo <= hi && hi <= c.cap)) {
      this.#say(`The range of "${c.name}" needs 0 ≤ least ≤ most ≤ ${amount(c.cap)}.`);
      this.#syncChannel(i);
      return;
    }
    s.min[i] = lo;
    s.max[i] = hi;
    const clamped = Math.min(hi, Math.max(lo, s.spend[i]!));
    const moved = clamped !== s.spend[i];
    s.spend[i] = clamped;
    this.#syncChannel(i);
    if (moved) this.#refresh([i]);
    else this.#writeHash();
  }

  #optimize(): void {
    const s = this.#state;
    let result;
    try {
      result = optimizeBudget(this.#curves, {
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
    this.#showSummary(planOutcome(this.#plan, this.#reference.result));
    this.#drawForecast();
    const list = channels === "all" ? this.#names.map((_, i) => i) : channels;
    for (const i of list) this.#showChannel(i);
    this.#writeHash();
  }

  #showSummary(outcome: PlanOutcome): void {
    const s = this.#state, setup = this.#setup, plan = this.#plan!.plan;
    const interval = (iv: readonly [number, number] | undefined, f: (x: number) => string) =>
      iv ? [`90% interval ${f(iv[0])} to ${f(iv[1])}`] : [];
    const first = plan.dates[0]!, last = plan.dates[plan.dates.length - 1]!;
    setTile(this.#tiles.predicted, {
      exact: outcome.total,
      text: amount(outcome.total),
      notes: [
        ...interval(outcome.totalInterval, amount),
        `${s.horizon} weeks, ${first} to ${last}`,
      ],
      interval: outcome.totalInterval,
    });
    const reference = this.#reference!.result.total();
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
    const weekly = s.spend.reduce((a, b) => a + b, 0);
    const today = setup.channels.reduce((a, c) => a + c.today, 0);
    setTile(this.#tiles.spend, {
      exact: weekly,
      text: amount(weekly),
      notes: [
        `today ${amount(today)} (${percent((weekly - today) / today)})`,
        `${amount(weekly * s.horizon)} over ${s.horizon} weeks`,
      ],
    });
    const extraSpend = (weekly - today) * s.horizon;
    const meaningful = Math.abs(extraSpend) > 1e-3 * Math.max(today * s.horizon, 1);
    const r = meaningful ? outcome.change / extraSpend : NaN;
    setTile(this.#tiles.return, {
      exact: r,
      text: meaningful ? ratio(r) : "–",
      notes: meaningful
        ? [`extra ${setup.kpi.name} per extra unit of spend, within the plan's weeks`]
        : ["total spend as today: any change comes from the split"],
    });
  }

  #showChannel(i: number): void {
    const c = this.#setup.channels[i]!, curve = this.#curves[i]!, card = this.#cards[i]!;
    const spend = this.#state.spend[i]!;
    const response = curve.response(spend);
    const roas = spend > 0 ? response / spend : NaN;
    const mroas = marginalResponse({ ...curve }, spend);
    const conversions = this.#setup.kpi.kind === "conversions";
    card.metrics[0].textContent = conversions ? ratio(1 / roas) : ratio(roas);
    card.metrics[1].textContent = conversions ? ratio(1 / mroas) : ratio(mroas);
    card.metrics[2].textContent = amount(response);
    card.metrics[0].dataset.value = String(roas);
    card.metrics[1].dataset.value = String(mroas);
    card.metrics[2].dataset.value = String(response);
    const rel = c.today > 0 ? (spend - c.today) / c.today : NaN;
    card.change.textContent = Number.isFinite(rel)
      ? `${percent(rel)} vs today`
      : `${signedAmount(spend - c.today)} vs today`;
    card.change.className = `change ${trend(spend - c.today)}`;
    drawCurve(card.curve, {
      channel: c,
      channels: this.#names,
      kpiName: this.#setup.kpi.name,
      today: { spend: c.today, response: curve.response(c.today) },
      planned: { spend, response },
    });
  }

  #drawForecast(): void {
    const fit = this.#fit, plan = this.#plan, reference = this.#reference;
    if (!plan || !reference) return;
    const n = fit.data.dates.length, k = this.#setup.historyWeeks;
    drawForecast(this.#forecastChart, {
      kpiName: this.#setup.kpi.name,
      history: {
        dates: fit.data.dates.slice(n - k),
        actual: fit.data.kpi.values.subarray(n - k),
        fitted: fit.fitted.subarray(n - k),
      },
      future: {
        dates: plan.plan.dates,
        mean: plan.mean,
        ...(plan.lower && plan.upper ? { lower: plan.lower, upper: plan.upper } : {}),
      },
      reference: { label: "today's spend", values: reference.result.mean },
    }, Math.max(560, this.#forecastChart.clientWidth || 1100));
  }

  /** Puts the state into every input. */
  #syncInputs(): void {
    this.#horizon.value = String(this.#state.horizon);
    this.#budget.value = String(Math.round(this.#state.budget));
    this.#names.forEach((_, i) => this.#syncChannel(i));
  }

  #syncChannel(i: number, except?: HTMLInputElement): void {
    const s = this.#state, card = this.#cards[i]!, c = this.#setup.channels[i]!;
    const lo = s.min[i]!, hi = s.max[i]!, spend = s.spend[i]!;
    card.slider.min = String(lo);
    card.slider.max = String(hi);
    if (except !== card.slider) card.slider.value = String(spend);
    if (except !== card.input) card.input.value = String(roundTo(spend, spendStep(c.cap)));
    card.input.dataset.value = String(spend);
    card.min.value = String(lo);
    card.max.value = String(hi);
    card.slider.style.setProperty("--fill", String(hi > lo ? (spend - lo) / (hi - lo) : 0));
    const p = hi > lo ? (c.today - lo) / (hi - lo) : 0;
    card.todayMark.hidden = !(p >= 0 && p <= 1);
    card.todayMark.style.setProperty("--p", String(Math.min(1, Math.max(0, p))));
  }

  #writeHash(): void {
    try {
      history.replaceState(null, "", `#${encodeScenario(this.#state)}`);
    } catch {
      // a sandboxed frame (Jupyter) may refuse; the plan still works, only the link is lost
    }
  }

  #say(text: string): void {
    this.#message.textContent = text;
    this.#message.hidden = text === "";
  }
}

/** The step sliders and typed spends snap to: a power of 10, 1/10,000 to 1/1,000 of the range. */
function spendStep(cap: number): number {
  return 10 ** (Math.floor(Math.log10(cap)) - 4);
}

/** `x` rounded to a multiple of `step` (a power of 10), without binary noise. */
function roundTo(x: number, step: number): number {
  const digits = Math.max(0, -Math.round(Math.log10(step)));
  return Number((Math.round(x / step) * step).toFixed(digits));
}

function numberField(
  id: string,
  min: number,
  max: number | undefined,
  step: number | "any",
): HTMLInputElement {
  const attrs: Record<string, string> = { type: "number", min: String(min), step: String(step) };
  if (id) attrs.id = id;
  if (max !== undefined) attrs.max = String(max);
  return el("input", { attrs });
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

/** What a tile shows: its exact value (kept in `data-value`), text, notes and interval. */
interface TileContent {
  readonly exact: number;
  readonly text: string;
  readonly notes: readonly string[];
  /** Colours the value as a gain or a loss. */
  readonly sign?: number;
  /** Kept in `data-lower` and `data-upper`. */
  readonly interval?: readonly [number, number] | undefined;
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

function trend(x: number): string {
  return Math.abs(x) < 0.5 ? "" : x > 0 ? "up" : "down";
}
