/**
 * "How to read this page": what each number of the planner is and where it comes from, in words
 * a marketing team reads.
 *
 * @module
 */
import type { FittedModel } from "../../types.ts";
import type { PlannerSetup } from "../planner_setup.ts";
import { el } from "./dom.ts";

/** The notes section for a setup and its model. */
export function notesSection(setup: PlannerSetup, fit: FittedModel): HTMLElement {
  const n = fit.data.dates.length, kpi = setup.kpi.name, weeks = setup.basisWeeks;
  const conversions = setup.kpi.kind === "conversions";
  const items = [
    `Every number comes from the fitted ${fit.kind} model (${n} weeks of data, ` +
    `${fit.data.dates[0]} to ${fit.data.dates[n - 1]}), run by mixlab's own code inside this ` +
    "page. Nothing is sent anywhere; the page works offline.",
    `Predicted ${kpi} adds up the model's weekly prediction over the plan's weeks, which start ` +
    "the week after the data ends. Spend of the final data weeks keeps working into the plan " +
    `(carryover); controls are held at their average of the last ${weeks} weeks.`,
    `Today's spend is each channel's average weekly spend over the last ${weeks} weeks. ` +
    "The change compares the plan with keeping today's spend for the same weeks.",
    `${conversions ? "CPA is spend ÷ response" : "ROAS is response ÷ spend"} at the planned ` +
    `weekly spend, on the steady-state response curve; ${
      conversions ? "marginal CPA" : "mROAS"
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
