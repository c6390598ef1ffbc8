/**
 * `deno task mmm <command> [options]`: mixlab's command line for automated runs.
 *
 * Commands: validate, fit, optimize, forecast, planner, refresh, simulate; `--help` on each.
 * Exit codes: 0 done, 2 a problem with the input that the message explains, 1 a bug.
 *
 * @module
 */
import { type Command, reportError } from "./mmm/_cli.ts";
import { fitCommand } from "./mmm/fit.ts";
import { forecastCommand } from "./mmm/forecast.ts";
import { optimizeCommand } from "./mmm/optimize.ts";
import { plannerCommand } from "./mmm/planner.ts";
import { refreshCommand } from "./mmm/refresh.ts";
import { simulateCommand } from "./mmm/simulate.ts";
import { validateCommand } from "./mmm/validate.ts";

const COMMANDS: Readonly<Record<string, Command>> = {
  validate: validateCommand,
  fit: fitCommand,
  optimize: optimizeCommand,
  forecast: forecastCommand,
  planner: plannerCommand,
  refresh: refreshCommand,
  simulate: simulateCommand,
};

function usage(): string {
  return "Usage: deno task mmm <command> [options]\n\nCommands:\n" +
    Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`).join("\n") +
    "\n\nRun deno task mmm <command> --help for a command's options.";
}

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`error: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    return reportError(e);
  }
}

Deno.exit(await main(Deno.args));
