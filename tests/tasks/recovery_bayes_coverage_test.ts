/**
 * The short version of issue 13's coverage study: the default Bayesian model (`model.kind`
 * "bayes", every other key at its default: geometric + Hill with transform parameters sampled,
 * the default priors) on the recovery study's quick sets, which are made by generators written
 * apart from lib/ (tasks/recovery/generators) with the true ROAS known. Sampling is shortened to
 * 2 × (300 + 300) so the test stays short; the full study (`deno task recovery --methods
 * bayes-default`, at least 20 sets at the default 4 × (1000 + 1000)) gives the figures the issue
 * asks for.
 *
 * Checked against the bars: the 90% ROAS intervals cover the true ROAS for at least 80%
 * of the channel–set pairs, and the median absolute error of the posterior-mean ROAS is at most
 * 20%. (The upper bar, at most 95% covered, needs the full study: on the quick sets' few
 * pairs one miss in twenty cannot be seen.)
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSet, parseGrid } from "../../tasks/recovery/grid.ts";
import { estimateConfigured } from "../../tasks/recovery/method.ts";
import { defaultConfig, toMmmData } from "../../tasks/recovery/mixlab_input.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const grid = parseGrid(Deno.readTextFileSync(join(root, "tasks", "recovery", "sets.jsonl")));

Deno.test({
  name:
    "bayes at its defaults on the recovery study's quick sets: 90% ROAS intervals cover at least 80% of the true ROAS, median error at most 20%",
  sanitizeResources: false,
  fn: async () => {
    const sets = grid.filter((d) => d.quick).map(generateSet);
    assert.ok(sets.length >= 3);
    const pairs: { id: string; truth: number; roas: number; ci: readonly [number, number] }[] = [];
    for (const set of sets) {
      const { tuning: _, ...config } = defaultConfig(set);
      const fit = await estimateConfigured(
        { ...config, model: { kind: "bayes", chains: 2, warmup: 300, draws: 300 } },
        toMmmData(set),
        42,
      );
      for (const t of set.truth.channels) {
        const e = fit.channels.find((c) => c.name === t.name);
        assert.ok(e?.roasCi90, `${set.id} ${t.name}: no 90% interval`);
        pairs.push({ id: `${set.id} ${t.name}`, truth: t.roas, roas: e.roas, ci: e.roasCi90 });
      }
    }
    const covered = pairs.filter((p) => p.ci[0] <= p.truth && p.truth <= p.ci[1]);
    const errors = pairs.map((p) => Math.abs(p.roas / p.truth - 1)).sort((a, b) => a - b);
    const mid = errors.length / 2;
    const median = errors.length % 2 === 1
      ? errors[Math.floor(mid)]!
      : 0.5 * (errors[mid - 1]! + errors[mid]!);
    const table = pairs.map((p) =>
      `${p.id}: ${p.roas.toFixed(3)} [${p.ci[0].toFixed(3)}, ${p.ci[1].toFixed(3)}] truth ${
        p.truth.toFixed(3)
      }`
    ).join("\n");
    assert.ok(
      covered.length >= 0.8 * pairs.length,
      `covered ${covered.length}/${pairs.length}\n${table}`,
    );
    assert.ok(median <= 0.2, `median |error| ${median}\n${table}`);
  },
});
