/**
 * The guardrails of a geo fit: the national checks of lib/guardrails on the panel's national
 * numbers, plus the one a panel adds, a negative baseline named by geo.
 *
 * Measured on the panel (every geo's rows pooled, per person with population scaling):
 * - `flat-column`: CV(media) ÷ CV(saturation input) of each channel;
 * - `extrapolated-effect`: `min(media) ÷ mean(media)` over the pooled rows;
 * - `media-share`, `roas-range`, `share-mismatch`, `credit-uncertain`: on the national totals,
 *   with the fit's national ROAS interval where it has one;
 * - `negative-baseline`: the weeks of each geo whose baseline (the KPI without paid media) is
 *   negative, the geos named (most weeks first).
 *
 * `baseline-collinear` is not measured for geo models (their baseline is a set of fixed effects
 * removed by projection, not columns to regress on).
 *
 * @module
 */
import { guardrailDiagnostics } from "../../guardrails/guardrails.ts";
import type { GuardrailLimits } from "../../guardrails/limits.ts";
import { columnFlatness, extrapolationShare } from "../../guardrails/measure.ts";
import { saturationInput } from "../../transforms/apply_channel.ts";
import type { Diagnostic, KpiKind } from "../../types.ts";
import type { GeoFit } from "./geo_fit.ts";
import type { PanelMedia } from "./panel_media.ts";

/**
 * The warnings of a geo fit (see the module doc).
 *
 * @example A geo whose baseline goes negative is named
 * ```ts
 * import { geoGuardrails, panelMedia, summariseGeoFit } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-01", "2024-01-08"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([3, 3, 3, 3]) },
 *   channels: [{ name: "tv", spend: new Float64Array([1, 3, 2, 2]) }], controls: [],
 *   geo: { name: "geo", values: ["north", "north", "south", "south"] },
 * };
 * const tv = { name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } } };
 * const panel = panelMedia(data, [tv], false);
 * const fit = summariseGeoFit(panel, {
 *   kind: "geo-ols", coefficients: [[1], [1]],
 *   baselinePerPerson: new Float64Array([2, -1, 2, 2]), r2: 1, sigma: 0, warnings: [],
 * });
 * const w = geoGuardrails(panel, fit, "revenue").find((d) => d.code === "negative-baseline")!;
 * assert.equal(w.subject, "north");
 * ```
 */
export function geoGuardrails(
  panel: PanelMedia,
  fit: GeoFit,
  kpiKind: KpiKind,
  limits: Partial<GuardrailLimits> = {},
): Diagnostic[] {
  const G = panel.geos.length, T = panel.weeks;
  const media = fit.channels.reduce((a, c) => a + c.contribution, 0);
  const spend = fit.channels.reduce((a, c) => a + c.spend, 0);
  const baseline = fit.national.baseline.reduce((a, v) => a + v, 0);
  const channels = fit.channels.map((c, j) => {
    const u = new Float64Array(G * T);
    for (let g = 0; g < G; g++) {
      const x = panel.spend[j]!.subarray(g * T, (g + 1) * T).map((v) => v / panel.population[g]!);
      u.set(saturationInput(x, panel.channels[j]!), g * T);
    }
    return {
      channel: c.name,
      spend: c.spend,
      contribution: c.contribution,
      roas: c.roas,
      effectShare: media > 0 ? c.contribution / media : 0,
      spendShare: c.spend / spend,
      flatness: columnFlatness(u, panel.media[j]!),
      extrapolation: extrapolationShare(panel.media[j]!),
      baselineR2: 0,
      ...(c.roasCi90 && { roasLower: c.roasCi90[0], roasUpper: c.roasCi90[1] }),
    };
  });
  const national = guardrailDiagnostics({
    kpiKind,
    rows: G * T,
    negativeBaselineRows: 0,
    mediaShare: media / (media + baseline),
    channels,
  }, limits);
  const negative = fit.geos
    .map((g) => ({ geo: g.geo, weeks: g.baseline.filter((v) => v < 0).length }))
    .filter((g) => g.weeks > 0)
    .sort((a, b) => b.weeks - a.weeks);
  if (negative.length === 0) return national;
  const named = negative.slice(0, 5).map((g) => `"${g.geo}" (${g.weeks} of ${T} weeks)`);
  return [{
    level: "warning",
    code: "negative-baseline",
    subject: negative[0]!.geo,
    message:
      `The baseline (KPI without paid media) is negative in ${negative.length} of ${G} geos: ${
        named.join(", ")
      }${negative.length > 5 ? ", …" : ""}; media is credited with more than the KPI there`,
    hint: "check those geos' KPI and spend, or fit with geo trends, population scaling or " +
      "tighter saturation bounds",
  }, ...national];
}
