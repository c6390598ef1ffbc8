/**
 * One channel's card on the planner page: its weekly spend as a slider and a number (today's
 * spend marked under the slider), the range Optimize may use, ROAS and mROAS (or CPA) at the
 * planned spend, and its response curve with today's and the planned point.
 *
 * @module
 */
import { marginalResponse } from "../../analysis/response_curve.ts";
import type { ChannelResponse } from "../../optimize/types.ts";
import { PALETTE } from "../../plot/theme.ts";
import type { KpiKind } from "../../types.ts";
import type { PlannerChannel } from "../planner_setup.ts";
import { type CurveChart, drawCurve } from "./charts.ts";
import { el, numberField } from "./dom.ts";
import { amount, percent, ratio, roundTo, signedAmount, spendStep, trend } from "./format.ts";

/** What a card reports back to the planner. */
export interface ChannelCardEvents {
  /** The reader set a weekly spend (from the slider when `fromSlider`). */
  onSpend(value: number, fromSlider: boolean): void;
  /** The reader set the channel's range. */
  onRange(least: number, most: number): void;
}

/** Where a card sits: its channel, all channel names (for colours) and the KPI. */
export interface ChannelCardContext {
  readonly channel: PlannerChannel;
  readonly index: number;
  readonly names: readonly string[];
  readonly kpi: { readonly name: string; readonly kind: KpiKind };
  /** The channel's response curve (interpolated from the setup's samples). */
  readonly curve: ChannelResponse;
}

/** A channel's card: built once, then synced with the scenario and shown on each change. */
export class ChannelCard {
  /** The card's element. */
  readonly root: HTMLElement;
  readonly #context: ChannelCardContext;
  readonly #slider: HTMLInputElement;
  readonly #input: HTMLInputElement;
  readonly #min: HTMLInputElement;
  readonly #max: HTMLInputElement;
  readonly #todayMark: HTMLElement;
  readonly #change: HTMLElement;
  readonly #metrics: readonly [HTMLElement, HTMLElement, HTMLElement];
  readonly #curve: HTMLElement;
  #chart: CurveChart | undefined;

  /** Builds the card; `events` hears what the reader sets. */
  constructor(context: ChannelCardContext, events: ChannelCardEvents) {
    this.#context = context;
    const c = context.channel, conversions = context.kpi.kind === "conversions";
    this.#slider = el("input", {
      class: "spend-slider",
      attrs: { type: "range", step: "any", "aria-label": `Weekly spend on ${c.name}` },
    });
    this.#input = labelled(
      numberField("", 0, c.cap, "any"),
      "spend-input",
      `Weekly spend on ${c.name} (number)`,
    );
    this.#min = labelled(
      numberField("", 0, c.cap, "any"),
      "min-input",
      `Least weekly spend on ${c.name}`,
    );
    this.#max = labelled(
      numberField("", 0, c.cap, "any"),
      "max-input",
      `Most weekly spend on ${c.name}`,
    );
    this.#todayMark = el("span", { class: "today-mark", text: `today ${amount(c.today)}` });
    this.#change = el("span", { class: "change" });
    this.#metrics = [el("b"), el("b"), el("b")];
    this.#curve = el("div", { class: "curve" });
    this.#slider.addEventListener("input", () => events.onSpend(Number(this.#slider.value), true));
    this.#input.addEventListener("change", () => events.onSpend(Number(this.#input.value), false));
    const onRange = () => events.onRange(Number(this.#min.value), Number(this.#max.value));
    this.#min.addEventListener("change", onRange);
    this.#max.addEventListener("change", onRange);
    const metric = (i: number, label: string) =>
      el("div", {}, [this.#metrics[i]!, el("span", { text: label })]);
    this.root = el("article", {
      class: "channel",
      attrs: {
        "data-channel-index": String(context.index),
        style: `--c:${PALETTE[context.index % PALETTE.length]}`,
      },
    }, [
      el("header", {}, [el("span", { class: "swatch" }), el("h3", { text: c.name }), this.#change]),
      el("div", { class: "spend" }, [
        el("div", { class: "track" }, [this.#slider, this.#todayMark]),
        el("label", { class: "money" }, [this.#input, el("span", { text: "/ week" })]),
      ]),
      el("div", { class: "metrics" }, [
        metric(0, conversions ? "CPA" : "ROAS"),
        metric(1, conversions ? "marginal CPA" : "mROAS"),
        metric(2, `weekly ${context.kpi.name}`),
      ]),
      this.#curve,
      el("div", { class: "bounds" }, [
        el("span", { text: "Range" }),
        this.#min,
        el("span", { text: "to" }),
        this.#max,
        el("span", { text: "/ week" }),
      ]),
    ]);
  }

  /** Puts a planned spend and range into the inputs (but not into the slider being dragged). */
  sync(spend: number, least: number, most: number, dragging = false): void {
    const c = this.#context.channel;
    this.#slider.min = String(least);
    this.#slider.max = String(most);
    if (!dragging) this.#slider.value = String(spend);
    this.#input.value = String(roundTo(spend, spendStep(c.cap)));
    this.#input.dataset.value = String(spend);
    this.#min.value = String(least);
    this.#max.value = String(most);
    const share = (x: number) => (most > least ? (x - least) / (most - least) : 0);
    this.#slider.style.setProperty("--fill", String(share(spend)));
    const p = share(c.today);
    this.#todayMark.hidden = !(p >= 0 && p <= 1);
    this.#todayMark.style.setProperty("--p", String(Math.min(1, Math.max(0, p))));
  }

  /** Shows the metrics at a planned spend and moves the planned point on the curve. */
  show(spend: number): void {
    const { channel: c, curve, kpi } = this.#context;
    const response = curve.response(spend);
    const roas = spend > 0 ? response / spend : NaN;
    const mroas = marginalResponse(curve, spend);
    const conversions = kpi.kind === "conversions";
    const values = [roas, mroas, response];
    const texts = [
      ratio(conversions ? 1 / roas : roas),
      ratio(conversions ? 1 / mroas : mroas),
      amount(response),
    ];
    this.#metrics.forEach((m, i) => {
      m.textContent = texts[i]!;
      m.dataset.value = String(values[i]);
    });
    const rel = c.today > 0 ? (spend - c.today) / c.today : NaN;
    this.#change.textContent = Number.isFinite(rel)
      ? `${percent(rel)} vs today`
      : `${signedAmount(spend - c.today)} vs today`;
    this.#change.className = `change ${trend(spend - c.today)}`;
    this.#chart ??= drawCurve(this.#curve, {
      channel: c,
      channels: this.#context.names,
      kpiName: kpi.name,
      today: { spend: c.today, response: curve.response(c.today) },
      width: Math.max(260, Math.min(560, this.#curve.clientWidth || 340)),
    });
    this.#chart.plan(spend, response);
  }

  /** Draws the curve again on the next show (its width changed). */
  resize(): void {
    this.#chart = undefined;
  }
}

function labelled(input: HTMLInputElement, className: string, label: string): HTMLInputElement {
  input.classList.add(className);
  input.setAttribute("aria-label", label);
  return input;
}
