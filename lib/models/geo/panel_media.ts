/**
 * A balanced geo panel read for a geo model: its geos and weeks, each geo's population, the KPI
 * and spend per person (with population scaling) or as given, and each channel's media columns.
 *
 * **One scale per channel across geos.** A channel's `scale` is its mean spend (per person,
 * with population scaling) over every geo and week, so its saturation parameter means the same
 * thing in every geo (the unit-gain convention of `saturationInput`, lib/transforms/apply_channel.ts: `u = adstock(spend / scale) / gain`). Without
 * population scaling, a large geo sits further up the same curve than a small one; with it,
 * geos are compared per person, as Meridian does (media ÷ population, then ÷ a per-channel
 * reference level; anchors.md §3a).
 *
 * @module
 */
import { ConfigError, MmmDataError } from "../../errors.ts";
import { rowBlocks } from "../../mmm_data.ts";
import { applyChannelTransforms } from "../../transforms/apply_channel.ts";
import type { ChannelSpec, MmmData, TransformSpec } from "../../types.ts";

/** A channel of a geo model: its transforms, shared by every geo. */
export interface GeoChannelSpec {
  /** Channel name (a channel of the data). */
  readonly name: string;
  /** Carryover. */
  readonly adstock: TransformSpec;
  /** Saturation, in units of the adstocked series over the channel's scale. */
  readonly saturation: TransformSpec;
}

/** The panel as a geo model uses it. */
export interface PanelMedia {
  /** Geo names, in row order. */
  readonly geos: readonly string[];
  /** Weeks per geo. */
  readonly weeks: number;
  /** The weeks of every geo (the first geo's dates). */
  readonly dates: readonly string[];
  /** Whether KPI and spend are per person. */
  readonly populationScaled: boolean;
  /** Population per geo (1 for every geo without population scaling). */
  readonly population: Float64Array;
  /** KPI per row, per person with population scaling. */
  readonly y: Float64Array;
  /** Spend per channel and row, as in the data (not per person). */
  readonly spend: readonly Float64Array[];
  /** Media column per channel and row: saturation(adstock(spend / population / scale) / gain). */
  readonly media: readonly Float64Array[];
  /** The channels with their scales. */
  readonly channels: readonly ChannelSpec[];
}

function checkBalanced(data: MmmData): { geos: string[]; weeks: number } {
  if (data.geo === undefined) {
    throw new ConfigError("Cannot fit a geo model: the data has no geo column", {
      key: "geo",
      hint: 'name the geo column in the config ("geo")',
    });
  }
  const blocks = rowBlocks(data);
  const weeks = (blocks[0] as { end: number; start: number }).end - blocks[0]!.start;
  for (const b of blocks) {
    const first = data.dates.slice(blocks[0]!.start, blocks[0]!.end).join();
    if (b.end - b.start !== weeks || data.dates.slice(b.start, b.end).join() !== first) {
      throw new MmmDataError(
        `Cannot fit a geo model: geo "${b.label}" does not have the same weeks as geo "${
          blocks[0]!.label
        }"`,
        { column: data.geo.name, geos: [b.label], hint: "every geo needs a row for every week" },
      );
    }
  }
  if (blocks.length < 2) {
    throw new MmmDataError("Cannot fit a geo model: the panel has one geo", {
      column: data.geo.name,
      hint: "fit a national model instead",
    });
  }
  return { geos: blocks.map((b) => b.label), weeks };
}

/**
 * Reads a balanced panel: population (with `populationScaling`), KPI, spend and each channel's
 * media column with one scale across geos: the mean over every geo's first `scaleWeeks` weeks
 * (all of them by default; a cross-validation fold passes its training weeks, so the scale is
 * the training spend's, as in the national model).
 *
 * @example Two geos of 3 weeks; per person, tv's scale is its mean spend per person
 * ```ts
 * import { panelMedia } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-01", "2024-01-08", "2024-01-15"],
 *   kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([10, 11, 12, 40, 42, 44]) },
 *   channels: [{ name: "tv", spend: new Float64Array([1, 2, 3, 4, 8, 12]) }],
 *   controls: [],
 *   geo: { name: "geo", values: ["a", "a", "a", "b", "b", "b"] },
 *   population: { name: "pop", values: new Float64Array([1, 1, 1, 4, 4, 4]) },
 * };
 * const tv = {
 *   name: "tv",
 *   adstock: { kind: "geometric", params: { decay: 0 } },
 *   saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
 * };
 * const panel = panelMedia(data, [tv], true);
 * assert.equal(panel.channels[0]!.scale, 2); // spend per person 1, 2, 3 in both geos
 * assert.deepEqual(Array.from(panel.y.slice(3)), [10, 10.5, 11]);
 * assert.equal(panel.media[0]![4], 0.5); // u = 2 / 2 = 1 → Hill 1 / (1 + 1)
 * ```
 */
export function panelMedia(
  data: MmmData,
  channels: readonly GeoChannelSpec[],
  populationScaling: boolean,
  scaleWeeks?: number,
): PanelMedia {
  const { geos, weeks } = checkBalanced(data);
  const n = geos.length * weeks;
  const population = new Float64Array(geos.length).fill(1);
  if (populationScaling) {
    if (data.population === undefined) {
      throw new ConfigError("Cannot scale by population: the data has no population column", {
        key: "population",
        hint: 'name the population column in the config ("population")',
      });
    }
    for (let g = 0; g < geos.length; g++) population[g] = data.population.values[g * weeks]!;
  }
  const perPerson = (x: Float64Array) => x.map((v, i) => v / population[Math.floor(i / weeks)]!);
  const spend = channels.map((c) => {
    const found = data.channels.find((d) => d.name === c.name);
    if (!found) {
      throw new ConfigError(`Cannot fit a geo model: channel "${c.name}" is not in the data`, {
        channel: c.name,
        key: `channels.${c.name}`,
      });
    }
    return found.spend;
  });
  const scaled: ChannelSpec[] = channels.map((c, j) => {
    const x = perPerson(spend[j]!), w = Math.min(scaleWeeks ?? weeks, weeks);
    let total = 0;
    for (let g = 0; g < geos.length; g++) {
      for (let t = 0; t < w; t++) total += x[g * weeks + t]!;
    }
    const scale = total / (geos.length * w);
    if (!(scale > 0)) {
      throw new MmmDataError(`Cannot fit a geo model: channel "${c.name}" has no spend`, {
        channel: c.name,
        hint: "leave the channel out",
      });
    }
    return { name: c.name, adstock: c.adstock, saturation: c.saturation, scale };
  });
  const media = scaled.map((c, j) => {
    const x = perPerson(spend[j]!), out = new Float64Array(n);
    for (let g = 0; g < geos.length; g++) {
      out.set(applyChannelTransforms(x.subarray(g * weeks, (g + 1) * weeks), c), g * weeks);
    }
    return out;
  });
  return {
    geos,
    weeks,
    dates: data.dates.slice(0, weeks),
    populationScaled: populationScaling,
    population,
    y: perPerson(data.kpi.values),
    spend,
    media,
    channels: scaled,
  };
}
