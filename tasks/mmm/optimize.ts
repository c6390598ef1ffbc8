/**
 * `mmm optimize --result DIR/result.json --budget N [--bounds …] [--target-roas X | --target-kpi Y]
 * --out DIR2`: the best weekly budget split on the fitted response curves.
 *
 * @module
 */
import { parseArgs } from "std/cli";
import { join } from "std/path";
import { responseCurves, responseFunctions } from "../../lib/analysis/response_curve.ts";
import { ConfigError } from "../../lib/errors.ts";
import type { AllocationResult } from "../../lib/optimize/allocation_result.ts";
import { optimizeBudget } from "../../lib/optimize/optimize_budget.ts";
import { tabulateResponses } from "../../lib/optimize/tabulate.ts";
import { maximizeAtTargetEfficiency } from "../../lib/optimize/target_efficiency.ts";
import { minimizeSpendForTarget } from "../../lib/optimize/target_kpi.ts";
import type { ChannelBound } from "../../lib/optimize/types.ts";
import { plotResponseCurves } from "../../lib/plot/response_chart.ts";
import { renderReport } from "../../lib/report/html_report.ts";
import { allocationCsv } from "../../lib/report/csv_exports.ts";
import { writeTextAtomic } from "../_atomic_write.ts";
import { type Command, numberOption, required } from "./_cli.ts";
import { loadModelOfResult } from "./_model_file.ts";
import { optimizeGeo } from "./_geo_commands.ts";
import { readGeoResult } from "./_geo_result.ts";

/** Parses `tv=0.8:1.5,radio=0:2` (multiples of current weekly spend) into bounds by name. */
export function parseBounds(
  text: string | undefined,
  flag = "--bounds",
): Record<string, ChannelBound> {
  const out: Record<string, ChannelBound> = {};
  if (!text) return out;
  for (const part of text.split(",")) {
    const m = /^\s*([^=]+?)\s*=\s*([0-9.]+)\s*:\s*([0-9.]+)\s*$/.exec(part);
    if (!m) {
      throw new ConfigError(
        `Cannot read ${flag}: "${part}" is not NAME=LOW:HIGH (multiples of current spend, e.g. tv=0.8:1.5)`,
        { key: flag },
      );
    }
    const lo = numberOption(m[2] as string, flag, 0),
      hi = numberOption(m[3] as string, flag, 0);
    if (!(lo <= hi)) {
      throw new ConfigError(`Cannot read ${flag}: ${m[1]} has LOW ${lo} above HIGH ${hi}`, {
        key: flag,
      });
    }
    out[m[1] as string] = { minChange: lo - 1, maxChange: hi - 1 };
  }
  return out;
}

/** The optimize command. */
export const optimizeCommand: Command = {
  summary: "split a weekly budget across channels for the most KPI (or reach a target)",
  usage: `Usage: deno task mmm optimize --result DIR/result.json --out DIR2
         [--budget N] [--bounds tv=0.8:1.5,radio=0:2] [--target-roas X | --target-kpi Y]

Optimises weekly spend on the model's steady-state response curves (global optimum of their
piecewise-linear approximation, refined), and writes DIR2/allocation.json,
DIR2/allocation.csv (one row per channel, for BI tools) and DIR2/allocation.html.
  --budget       weekly budget (default: current total weekly spend)
  --bounds       per-channel limits as multiples of current weekly spend (default 0:3)
  --target-roas  largest KPI whose total ROAS is at least X (instead of a fixed budget)
  --target-kpi   least spend whose weekly KPI from media reaches Y

With the result of a panel fit (a config with "geo"), the budget is split by geo and channel on
each geo's steady-state curves, every cell between 0 and 3 × its current weekly spend:
  --bounds       limits on a channel's total over the geos (multiples of its current total)
  --geo-bounds   limits on a geo's total over the channels, e.g. geo_01=0.8:1.2
  --level        "geo" (default) or "national": channel totals only (each between 0 and 3 × its
                 current total unless --bounds says otherwise), each channel's spend shared over
                 the geos as in the fitted weeks
and allocation.json/.csv/.html carry the split by geo and channel and its totals by channel and
by geo. Target modes are national only.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        result: { type: "string" },
        out: { type: "string" },
        budget: { type: "string" },
        bounds: { type: "string" },
        "target-roas": { type: "string" },
        "target-kpi": { type: "string" },
        "geo-bounds": { type: "string" },
        level: { type: "string" },
      },
      strict: true,
    });
    const out = required(values.out, "--out", "the folder for allocation.json and .html");
    if (values["target-roas"] !== undefined && values["target-kpi"] !== undefined) {
      throw new ConfigError("Cannot optimize: give --target-roas or --target-kpi, not both", {
        key: "--target-roas",
      });
    }
    const geo = await readGeoResult(values.result);
    if (geo !== undefined) {
      return await optimizeGeo(geo, {
        budget: values.budget === undefined
          ? undefined
          : numberOption(values.budget, "--budget", 0),
        level: values.level,
        channelBounds: parseBounds(values.bounds),
        geoBounds: parseBounds(values["geo-bounds"], "--geo-bounds"),
        target: values["target-roas"] !== undefined || values["target-kpi"] !== undefined,
      }, out);
    }
    if (values.level !== undefined || values["geo-bounds"] !== undefined) {
      throw new ConfigError(
        "Cannot optimize: --level and --geo-bounds need the result of a panel fit",
        {
          key: values.level !== undefined ? "--level" : "--geo-bounds",
        },
      );
    }
    const fit = await loadModelOfResult(values.result);
    // Each evaluation of a model's response curve is a prediction; the optimizer needs
    // thousands, so every curve (and draw) is tabulated once and interpolated (PCHIP).
    const curves = tabulateResponses(
      responseFunctions(fit, { withDraws: fit.nDraws > 0, maxDraws: 50 }),
      { points: 128 },
    );
    const constraints = {
      bounds: parseBounds(values.bounds),
      defaultBound: { minChange: -1, maxChange: 2 },
    };
    let allocation: AllocationResult;
    if (values["target-roas"] !== undefined) {
      allocation = maximizeAtTargetEfficiency(curves, {
        ...constraints,
        targetRoas: numberOption(values["target-roas"], "--target-roas", 0),
      });
    } else if (values["target-kpi"] !== undefined) {
      allocation = minimizeSpendForTarget(curves, {
        ...constraints,
        targetKpi: numberOption(values["target-kpi"], "--target-kpi", 0),
      });
    } else {
      allocation = optimizeBudget(curves, {
        ...constraints,
        ...(values.budget === undefined
          ? {}
          : { budget: numberOption(values.budget, "--budget", 0) }),
      });
    }
    const points = allocation.channels.map((c) => ({
      channel: c.name,
      spend: c.optimalSpend,
      response: c.optimalResponse,
      label: "optimal",
    }));
    const html = renderReport("Budget allocation", [{
      title: "Recommended weekly spend",
      blocks: [
        { kind: "table", table: allocation.toTable() },
        {
          kind: "chart",
          chart: plotResponseCurves(responseCurves(fit), { points, kpiName: fit.data.kpi.name }),
        },
      ],
    }], { subtitle: `Model: ${fit.kind} on ${fit.data.dates.length} weeks` });
    await Deno.mkdir(out, { recursive: true });
    await writeTextAtomic(
      join(out, "allocation.json"),
      JSON.stringify(allocation.toJSON(), null, 2) + "\n",
    );
    await writeTextAtomic(join(out, "allocation.html"), html);
    await writeTextAtomic(join(out, "allocation.csv"), allocationCsv(allocation));
    console.log(allocation.toTable().toText());
    return 0;
  },
};
