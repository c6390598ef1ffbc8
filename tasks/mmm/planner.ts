/**
 * `mmm planner --model DIR/model.json --out DIR2 [--weeks N] [--title TEXT]`: the budget planner
 * of a saved model, one self-contained `DIR2/planner.html` that opens offline in any browser.
 *
 * @module
 */
import { parseArgs } from "std/cli";
import { basename, join } from "std/path";
import { loadFittedModel } from "../../lib/models/load_fitted_model.ts";
import { plannerHtml } from "../../lib/planner/planner_html.ts";
import { writeTextAtomic } from "../_atomic_write.ts";
import { type Command, numberOption, readJsonFile, required } from "./_cli.ts";

/** The planner command. */
export const plannerCommand: Command = {
  summary: "write the budget planner (one offline HTML page) of a saved model",
  usage: `Usage: deno task mmm planner --model DIR/model.json --out DIR2 [--weeks 13] [--title TEXT]

Writes DIR2/planner.html: the model, its response curves and mixlab's forecasting and optimizer
code in one page that works offline. Move weekly budgets per channel, see the predicted KPI over
the plan (adstock carried over from the data), optimize the split, share the plan as a link and
export it as a CSV for "mmm forecast --plan".
  --model  the model.json that "mmm fit" wrote
  --weeks  plan length when the page opens (default 13)
  --title  page title (default "Budget planner")`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        model: { type: "string" },
        out: { type: "string" },
        weeks: { type: "string" },
        title: { type: "string" },
      },
      strict: true,
    });
    const path = required(values.model, "--model", "the model.json that mmm fit wrote");
    const out = required(values.out, "--out", "the folder for planner.html");
    const fit = loadFittedModel(await readJsonFile(path, "model"));
    const html = await plannerHtml(fit, {
      source: basename(path),
      ...(values.weeks === undefined ? {} : { horizon: numberOption(values.weeks, "--weeks", 1) }),
      ...(values.title === undefined ? {} : { title: values.title }),
    });
    await Deno.mkdir(out, { recursive: true });
    const file = join(out, "planner.html");
    await writeTextAtomic(file, html);
    console.log(`Wrote ${file} (${Math.round(html.length / 1024)} KB): open it in a browser`);
    return 0;
  },
};
