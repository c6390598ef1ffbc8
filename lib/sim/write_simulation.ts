/**
 * Serialising a simulation: the data as CSV (what a user would export) and the truth as JSON,
 * both byte-stable for a given seed.
 *
 * @module
 */
import type { Simulation } from "./simulate.ts";

/**
 * The simulated data as CSV text: `date`, (`geo`, `population`), the KPI, `<channel>_spend` per channel, then
 * the controls. Money has two decimals; KPI cells of `truth.missingKpiRows` are empty.
 *
 * @example Header and first row
 * ```ts
 * import { simulateMmm } from "mixlab";
 * import { simulationToCsv } from "mixlab/sim";
 * import assert from "node:assert/strict";
 * const sim = simulateMmm({
 *   seed: 3,
 *   weeks: 10,
 *   channels: [{ name: "tv", spend: { mean: 500 }, roas: 1,
 *     adstock: { kind: "geometric", params: { decay: 0.2 } },
 *     saturation: { kind: "identity", params: {} } }],
 * });
 * const lines = simulationToCsv(sim).trimEnd().split("\n");
 * assert.equal(lines[0], "date,revenue,tv_spend,price,promo,holiday");
 * assert.equal(lines.length, 11);
 * ```
 */
export function simulationToCsv(simulation: Simulation): string {
  const { data, truth } = simulation;
  const missing = new Set(truth.missingKpiRows);
  const header = [
    "date",
    ...(data.geo !== undefined ? [data.geo.name] : []),
    ...(data.population !== undefined ? [data.population.name] : []),
    data.kpi.name,
    ...data.channels.map((c) => `${c.name}_spend`),
    ...data.controls.map((c) => c.name),
  ];
  const lines = [header.join(",")];
  for (let i = 0; i < data.dates.length; i++) {
    const cells: string[] = [data.dates[i] as string];
    if (data.geo !== undefined) cells.push(data.geo.values[i] as string);
    if (data.population !== undefined) cells.push(String(data.population.values[i]));
    cells.push(missing.has(i) ? "" : (data.kpi.values[i] as number).toFixed(2));
    for (const c of data.channels) cells.push((c.spend[i] as number).toFixed(2));
    for (const c of data.controls) cells.push(formatControl(c.values[i] as number));
    lines.push(cells.join(","));
  }
  return lines.join("\n") + "\n";
}

/** The truth as indented JSON text, with arrays of numbers kept on one line. */
export function truthToJson(simulation: Simulation): string {
  const text = JSON.stringify(simulation.truth, null, 2);
  return text.replace(
    /\[\n\s+(-?[\d.e+-]+(?:,\n\s+-?[\d.e+-]+)*)\n\s+\]/g,
    (_, body: string) => "[" + body.split(/,\n\s+/).join(", ") + "]",
  ) + "\n";
}

/** Options of {@link writeSimulation}. */
export interface WriteSimulationOptions {
  /** File stem. @default simulation.truth.name */
  readonly name?: string;
}

/**
 * Writes `<dir>/<name>.csv` and `<dir>/<name>.truth.json`.
 *
 * @param simulation The simulation.
 * @param dir An existing directory.
 * @param options File stem.
 * @returns The two paths written.
 */
export function writeSimulation(
  simulation: Simulation,
  dir: string,
  options: WriteSimulationOptions = {},
): { csv: string; truth: string } {
  const name = options.name ?? simulation.truth.name;
  const csv = `${dir}/${name}.csv`, truth = `${dir}/${name}.truth.json`;
  Deno.writeTextFileSync(csv, simulationToCsv(simulation));
  Deno.writeTextFileSync(truth, truthToJson(simulation));
  return { csv, truth };
}

function formatControl(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
