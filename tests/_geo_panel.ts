/**
 * The small geo panels the geo tests fit: two channels (an always-on tv, a flighted search), a
 * trend baseline, from the independent geo generator (tasks/recovery/generators/geo_panel.ts).
 * Each test states what it changes (geos, weeks, noise, geo spread …).
 *
 * @module
 */
import { geoPanelSet } from "../tasks/recovery/generators/geo_panel.ts";
import type { GeoPanelSet } from "../tasks/recovery/generators/geo_truth.ts";

/** The generator's settings of a test panel. */
export type TestPanelSettings = Parameters<typeof geoPanelSet>[2];

/** A two-channel test panel with the given changes to the shared settings. */
export function testGeoPanel(
  id: string,
  seed: number,
  changes: Partial<TestPanelSettings> & { readonly noise: number },
): GeoPanelSet {
  return geoPanelSet(id, seed, {
    geos: 8,
    weeks: 110,
    channels: ["tv", "search"],
    adstock: "geometric",
    spend: ["always-on", "flighted"],
    correlation: 0.2,
    mediaShare: 0.3,
    baseline: "trend",
    ...changes,
  });
}
