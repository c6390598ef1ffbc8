/**
 * A geo panel as mixlab sees it: the `MmmData` of its first weeks (rows geo-major, with geo and
 * population columns, as `loadCsv` returns the panel's CSV), and its true transforms converted
 * into mixlab's parameterisation.
 *
 * **The conversion is exact.** The generator saturates `a = adstock(x / (pop·s))`, s being the
 * channel's median non-zero spend per person; mixlab's geo model saturates
 * `u = adstock(x / (pop·m)) / g`, m being the channel's mean spend per person over the training
 * rows of every geo, and g = 1 for normalised adstocks. So `u = a·s/m`, and Hill(a; ec) is
 * Hill(u; ec·s/m). Meridian's window of max_lag + 1 lags is mixlab's `maxLag`.
 *
 * @module
 */
import type { MmmData } from "../../lib/mod.ts";
import type { GeoChannelSpec } from "../../lib/models/geo/mod.ts";
import type { GeoPanelSet } from "./generators/geo_truth.ts";

/** The first `weeks` weeks of every geo as mixlab data. */
export function geoMmmData(set: GeoPanelSet, weeks: number): MmmData {
  const rows = set.geos.length * weeks;
  const stack = (pick: (g: GeoPanelSet["geos"][number]) => Float64Array) => {
    const out = new Float64Array(rows);
    set.geos.forEach((g, k) => out.set(pick(g).subarray(0, weeks), k * weeks));
    return out;
  };
  return {
    dates: set.geos.flatMap(() => set.dates.slice(0, weeks)),
    kpi: { name: "revenue", values: stack((g) => g.kpi) },
    kpiKind: "revenue",
    channels: set.truth.channels.map((c, j) => ({
      name: c.name,
      spend: stack((g) => g.spends[j]!.values),
    })),
    controls: set.controls.map((c) => ({ name: c.name, values: stack(() => c.values) })),
    geo: { name: "geo", values: set.geos.flatMap((g) => Array(weeks).fill(g.name)) },
    population: {
      name: "population",
      values: stack((g) => new Float64Array(set.dates.length).fill(g.population)),
    },
  };
}

/** Each channel's true transforms in mixlab's units, for a fit on the first `weeks` weeks. */
export function geoTrueChannels(set: GeoPanelSet, weeks: number): GeoChannelSpec[] {
  const people = set.geos.length * weeks;
  return set.truth.channels.map((truth, j): GeoChannelSpec => {
    const a = truth.adstock, s = truth.saturation;
    if (a.kind !== "normalized" || s.kind !== "hill") {
      throw new RangeError(`Cannot convert "${truth.name}": not a geo-panel channel`);
    }
    let m = 0;
    for (const g of set.geos) {
      for (let t = 0; t < weeks; t++) m += g.spends[j]!.values[t]! / g.population;
    }
    m /= people;
    return {
      name: truth.name,
      adstock: {
        kind: a.decay === "geometric" ? "geometric-normalized" : "binomial",
        params: { decay: a.alpha, maxLag: a.window },
      },
      saturation: {
        kind: "hill",
        params: { halfSaturation: s.inflexion * truth.mediaScale.value / m, shape: s.shape },
      },
    };
  });
}
