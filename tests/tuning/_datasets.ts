// The bundled datasets (data/*.csv) with their truth files, loaded through the public API.
import { defineModelSpec, loadCsv, type MmmData, type ModelSpec } from "mixlab";

/** What a truth file says about one channel. */
export interface ChannelTruth {
  readonly name: string;
  readonly column: string;
  readonly adstock: { readonly kind: string; readonly params: Record<string, number> };
  readonly saturation: { readonly kind: string; readonly params: Record<string, number> };
  readonly roas: number;
}

/** A dataset, its truth and the spec to tune: the true transform kinds, parameters left out. */
export interface Dataset {
  readonly data: MmmData;
  readonly truth: readonly ChannelTruth[];
  readonly spec: ModelSpec;
}

const DATA = new URL("../../data/", import.meta.url);

/** Loads data/<name>.csv (missing KPI cells interpolated) and data/<name>.truth.json. */
export async function loadDataset(name: string): Promise<Dataset> {
  const truthFile = JSON.parse(await Deno.readTextFile(new URL(`${name}.truth.json`, DATA)));
  const truth = truthFile.channels as ChannelTruth[];
  const controls = truthFile.spec.controls as string[];
  const data = await loadCsv(new URL(`${name}.csv`, DATA).pathname, {
    columns: {
      date: "date",
      kpi: truthFile.kpi,
      channels: truth.map((c) => ({ name: c.name, spend: c.column })),
      controls,
    },
    missing: { kpi: "interpolate" },
  });
  // keep whole-number structural parameters (maximum lags); every other value is searched
  const structural = (t: { kind: string; params: Record<string, number> }) => ({
    kind: t.kind,
    params: Object.fromEntries(Object.entries(t.params).filter(([k]) => k === "maxLag")),
  });
  const spec = defineModelSpec({
    channels: truth.map((c) => ({
      name: c.name,
      adstock: structural(c.adstock),
      saturation: structural(c.saturation),
    })),
    controls,
    baseline: truthFile.spec.baseline,
  });
  return { data, truth, spec };
}
