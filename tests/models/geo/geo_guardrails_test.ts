// Guardrails of a geo fit, on a panel from the independent geo generator: quiet at the true
// transforms, a flat column named when the saturation is pushed far past the spend, and a
// negative baseline named by geo when media is credited with more than a geo's KPI.
import { fitGeoLinear, geoGuardrails, panelMedia, summariseGeoFit } from "mixlab/models/geo";
import assert from "node:assert/strict";
import { testGeoPanel } from "../../_geo_panel.ts";
import { geoMmmData, geoTrueChannels } from "../../../tasks/recovery/geo_input.ts";

const set = testGeoPanel("guardrails", 41, { noise: 0.02 });
const data = geoMmmData(set, 100), truth = geoTrueChannels(set, 100);

Deno.test("geo guardrails: no flat column or negative baseline at the true transforms", () => {
  const codes = fitGeoLinear(data, truth).warnings.map((w) => w.code);
  assert.ok(!codes.includes("flat-column") && !codes.includes("negative-baseline"), `${codes}`);
});

Deno.test("geo guardrails: a saturated column is flat, named by channel", () => {
  // half-saturation at 1% of the mean input: every week sits on the plateau
  const flat = truth.map((c, j) =>
    j === 0 ? { ...c, saturation: { kind: "hill", params: { halfSaturation: 0.01, shape: 3 } } } : c
  );
  const w = fitGeoLinear(data, flat).warnings.filter((d) => d.code === "flat-column");
  assert.deepEqual(w.map((d) => d.subject), ["tv"]);
});

Deno.test("geo guardrails: a negative baseline names the geos, most weeks first", () => {
  const panel = panelMedia(data, truth, true);
  const G = panel.geos.length, T = panel.weeks;
  // baseline −1 per person in 3 weeks of geo 2 and 1 week of geo 5, 1 elsewhere
  const baseline = new Float64Array(G * T).fill(1);
  [2 * T, 2 * T + 1, 2 * T + 2, 5 * T + 7].forEach((i) => (baseline[i] = -1));
  const fit = summariseGeoFit(panel, {
    kind: "geo-ols",
    coefficients: panel.geos.map(() => [0, 0]),
    baselinePerPerson: baseline,
    r2: 0,
    sigma: 1,
    warnings: [],
  });
  const w = geoGuardrails(panel, fit, "revenue").filter((d) => d.code === "negative-baseline");
  assert.equal(w.length, 1);
  assert.equal(w[0]!.subject, panel.geos[2]);
  assert.ok(
    w[0]!.message.includes(`"${panel.geos[2]}" (3 of ${T} weeks), "${panel.geos[5]}" (1 of`),
  );
});
