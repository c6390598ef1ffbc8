/**
 * Recovery on the bundled demo simulation (lib/sim preset "demo", known truth): with the true
 * transform parameters, ridge recovers each channel's ROAS. Measured at λ = 0.1 (standardised):
 * tv −0.1%, radio −0.4%, social −0.1%, search +1.1%, display +2.7%.
 */
import assert from "node:assert/strict";
import { defineModelSpec, fitRidge, simulatePreset } from "mixlab";

Deno.test("fitRidge() with the true transforms recovers every demo channel's ROAS within 10%", () => {
  const sim = simulatePreset("demo");
  const spec = defineModelSpec(sim.truth.spec as Parameters<typeof defineModelSpec>[0]);
  const fit = fitRidge(sim.data, spec, { lambda: 0.1 });
  const dec = fit.decompose(sim.data);
  assert.equal(sim.truth.channels.length, 5);
  for (const truth of sim.truth.channels) {
    const term = dec.terms.find((t) => t.name === truth.name)!;
    const spend = sim.data.channels.find((c) => c.name === truth.name)!.spend;
    const roas = term.values.reduce((a, b) => a + b) / spend.reduce((a, b) => a + b);
    const error = Math.abs(roas / truth.roas - 1);
    assert.ok(error < 0.1, `${truth.name}: ROAS ${roas} vs true ${truth.roas}`);
  }
});
