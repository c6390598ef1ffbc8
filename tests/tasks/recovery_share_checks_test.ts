/**
 * The share-warning table of the recovery study and the fresh validation sets: counts per band
 * of estimated ÷ true effect share checked on hand-built fits, and the fresh sets checked to be
 * the study's settings with seeds the study never used.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSet, parseGrid } from "../../tasks/recovery/grid.ts";
import { HOLDOUT_WEEKS } from "../../tasks/recovery/mixlab_input.ts";
import type { FitScore } from "../../tasks/recovery/score.ts";
import { SHARE_COLUMNS, shareBandCounts } from "../../tasks/recovery/share_checks.ts";
import { bandTable } from "../../tasks/recovery/table.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (name: string) =>
  parseGrid(Deno.readTextFileSync(join(root, "tasks", "recovery", name)));

function fit(warnings: string[], shares: [string, number, number][], failure?: string): FitScore {
  return {
    set: "s",
    generator: "robyn",
    method: "m",
    seconds: 1,
    warnings,
    ...(failure === undefined ? {} : { failure }),
    channels: shares.map(([name, share, trueShare]) => ({
      name,
      trueRoas: 1,
      roas: share / trueShare,
      error: share / trueShare - 1,
      share,
      trueShare,
    })),
  };
}

Deno.test("shareBandCounts() bins channels by estimated / true share and counts who was named", () => {
  const fits = [
    // ratios 0.5 (under), 0.8 (sound: lower bound inclusive), 2.5 (blown up, named)
    fit(["credit-uncertain:c", "credit-uncertain:b"], [["a", 0.1, 0.2], ["b", 0.4, 0.5], [
      "c",
      0.5,
      0.2,
    ]]),
    // ratios 1.25 (over-credited band, inclusive), 2 (blown-up band, inclusive, named by
    // share-mismatch), and a warning on the model only
    fit(["share-mismatch:e", "negative-baseline"], [["d", 0.25, 0.2], ["e", 0.4, 0.2]]),
    // no warning: ratio 1 (sound)
    fit([], [["f", 0.3, 0.3]]),
    // failed fits are skipped
    fit([], [["g", 0.9, 0.1]], "threw"),
  ];
  const counts = shareBandCounts(fits);
  assert.deepEqual(counts.map((c) => [c.band, c.channels]), [
    ["< 0.8×", 1],
    ["0.8–1.25×", 2],
    ["1.25–2×", 1],
    ["> 2×", 2],
  ]);
  assert.deepEqual(counts.map((c) => c.creditUncertain), [0, 1, 0, 1]);
  assert.deepEqual(counts.map((c) => c.shareMismatch), [0, 0, 0, 1]);
  assert.deepEqual(counts.map((c) => c.anyWarning), [1, 1, 1, 2]);
  const table = bandTable(SHARE_COLUMNS, [{ label: "m", bands: counts }]);
  assert.match(table, /^m\s+> 2×\s+2\s+1 \(50%\)\s+1 \(50%\)\s+2 \(100%\)\s+2 \(100%\)$/m);
  assert.match(table, /^m\s+0\.8–1\.25×\s+2\s+0 \(0%\)\s+1 \(50%\)\s+1 \(50%\)\s+1 \(50%\)$/m);
});

for (
  const [file, prefix, taken] of [
    ["fresh_sets.jsonl", "fresh-", []],
    ["fresh_sets_2.jsonl", "fresh2-", ["fresh_sets.jsonl"]],
  ] as const
) {
  Deno.test(`${file}: one twin of every study set, with seeds and ids no earlier round used`, () => {
    const study = read("sets.jsonl");
    const fresh = read(file);
    assert.deepEqual(
      fresh.map((d) => d.id).sort(),
      study.map((d) => `${prefix}${d.id}`).sort(),
    );
    const earlier = [study, ...taken.map(read)].flat();
    const seeds = new Set(earlier.map((d) => d.seed));
    const ids = new Set(earlier.map((d) => d.id));
    for (const d of fresh) {
      assert.ok(!seeds.has(d.seed), `${d.id}: seed ${d.seed} was used by an earlier round`);
      assert.ok(!ids.has(d.id), d.id);
      const source = study.find((s) => `${prefix}${s.id}` === d.id);
      assert.ok(source, `${d.id} names no study set`);
      const settings = (line: Record<string, unknown>) => {
        const { id: _i, seed: _s, quick: _q, ...rest } = line;
        return rest;
      };
      assert.deepEqual(settings(d.line), settings(source.line), d.id);
      const set = generateSet(d);
      assert.equal(set.dates.length - set.truth.windowWeeks, HOLDOUT_WEEKS, d.id);
    }
    assert.equal(new Set(fresh.map((d) => d.seed)).size, fresh.length);
  });
}
