/**
 * A simulation's truth as tables for notebooks and reports.
 *
 * @module
 */
import { type Table, table } from "../display/table.ts";
import type { Simulation } from "./simulate.ts";

/**
 * One row per channel: transforms, scale, coefficient, spend, contribution, ROAS and marginal
 * ROAS (and, for a mediation set, the upstream channels' indirect and total effects).
 *
 * @param simulation The simulation.
 * @returns The truth table (shows itself in Jupyter).
 *
 * @example The demo's channels
 * ```ts
 * import { simulatePreset } from "mixlab";
 * import { truthTable } from "mixlab/sim";
 * import assert from "node:assert/strict";
 * const t = truthTable(simulatePreset("demo"));
 * assert.deepEqual(t.rows.map((r) => r.channel), ["tv", "radio", "social", "search", "display"]);
 * ```
 */
export function truthTable(simulation: Simulation): Table {
  const { truth } = simulation;
  const effects = truth.mediation?.effects ?? [];
  const describe = (t: { kind: string; params: Readonly<Record<string, number>> }) =>
    `${t.kind}(${Object.entries(t.params).map(([k, v]) => `${k}=${v}`).join(", ")})`;
  return table(
    truth.channels.map((c) => {
      const e = effects.find((x) => x.channel === c.name);
      return {
        channel: c.name,
        adstock: describe(c.adstock),
        saturation: describe(c.saturation),
        scale: c.scale,
        coefficient: c.coefficient,
        spend: c.totalSpend,
        contribution: c.totalContribution,
        roas: c.roas,
        mroas: c.mroas,
        ...(effects.length > 0 ? { indirect: e?.indirect, "total ROAS": e?.totalRoas } : {}),
      };
    }),
    { caption: `True channel effects: ${truth.name} (seed ${truth.seed})` },
  );
}
