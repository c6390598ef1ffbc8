/**
 * `mmm validate --config FILE`: loads and checks the data, prints the data quality report.
 *
 * @module
 */
import { parseArgs } from "std/cli";
import { loadConfiguredData } from "../../lib/config/load_configured.ts";
import { type Command, loadConfigFile } from "./_cli.ts";

/** The validate command. */
export const validateCommand: Command = {
  summary: "load and check the data a config names; print the data quality report",
  usage: `Usage: deno task mmm validate --config FILE

Loads the data named in FILE, checks it (columns, numbers, dates, spend) and prints the data
quality report. Exit code 0 when the data can be modelled, 2 with one message per problem.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { config: { type: "string" } }, strict: true });
    const { config, baseDir } = await loadConfigFile(values.config);
    const data = await loadConfiguredData(config, { baseDir });
    console.log(data.quality.toText());
    const geos = data.geo ? `, ${new Set(data.geo.values).size} geos` : "";
    console.log(
      `\nOK: ${data.dates.length} rows${geos}, ${data.channels.length} channels, ${data.controls.length} controls`,
    );
    return 0;
  },
};
