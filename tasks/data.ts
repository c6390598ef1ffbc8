/**
 * `deno task data`: regenerates the bundled data sets in data/ from their seeds, byte for byte.
 *
 * Usage: `deno task data [name …] [--out dir]` (default: every set, into data/).
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  type PresetName,
  simulatePreset,
  SIMULATION_PRESETS,
  writeSimulation,
} from "../lib/sim/mod.ts";

const { values, positionals } = parseArgs({
  args: Deno.args,
  options: { out: { type: "string", default: "data" } },
  allowPositionals: true,
});
const names =
  (positionals.length > 0 ? positionals : Object.keys(SIMULATION_PRESETS)) as PresetName[];
for (const name of names) {
  if (!(name in SIMULATION_PRESETS)) {
    console.error(`Cannot generate data: unknown set "${name}"`);
    Deno.exit(2);
  }
  const { csv, truth } = writeSimulation(simulatePreset(name), values.out as string);
  console.log(`wrote ${csv} and ${truth}`);
}
