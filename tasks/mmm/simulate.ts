/**
 * `mmm simulate --scenario NAME --seed N --out FILE.csv`: one of the simulator's data sets, with
 * its ground truth written beside it as FILE.truth.json.
 *
 * @module
 */
import { parseArgs } from "std/cli";
import { ConfigError } from "../../lib/errors.ts";
import { type PresetName, SIMULATION_PRESETS } from "../../lib/sim/presets.ts";
import { simulateMmm } from "../../lib/sim/simulate.ts";
import { simulationToCsv, truthToJson } from "../../lib/sim/write_simulation.ts";
import { writeTextAtomic } from "../_atomic_write.ts";
import { type Command, numberOption, required } from "./_cli.ts";

/** The simulate command. */
export const simulateCommand: Command = {
  summary: "write a simulated data set with known truth",
  usage: `Usage: deno task mmm simulate --scenario NAME --out FILE.csv [--seed N]

Scenarios: ${Object.keys(SIMULATION_PRESETS).join(", ")} (data/README.md describes them).
Writes FILE.csv and FILE.truth.json; the same seed writes the same bytes.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { scenario: { type: "string" }, seed: { type: "string" }, out: { type: "string" } },
      strict: true,
    });
    const name = required(
      values.scenario,
      "--scenario",
      Object.keys(SIMULATION_PRESETS).join(", "),
    );
    const out = required(values.out, "--out", "the CSV file to write");
    if (!(name in SIMULATION_PRESETS)) {
      throw new ConfigError(
        `Cannot simulate: unknown scenario "${name}"; scenarios: ${
          Object.keys(SIMULATION_PRESETS).join(", ")
        }`,
        { key: "--scenario" },
      );
    }
    if (!out.endsWith(".csv")) {
      throw new ConfigError(`Cannot simulate: --out must end in .csv, got "${out}"`, {
        key: "--out",
      });
    }
    const preset = SIMULATION_PRESETS[name as PresetName];
    const seed = values.seed === undefined ? preset.seed : numberOption(values.seed, "--seed", 0);
    const simulation = simulateMmm({ ...preset, seed });
    await writeTextAtomic(out, simulationToCsv(simulation));
    await writeTextAtomic(out.replace(/\.csv$/, ".truth.json"), truthToJson(simulation));
    console.log(`Wrote ${out} (${simulation.data.dates.length} rows) and its truth JSON`);
    return 0;
  },
};
