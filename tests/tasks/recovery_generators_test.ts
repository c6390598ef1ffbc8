/**
 * The recovery study's generators (tasks/recovery/generators) against independently derived
 * numbers: the published test vectors (anchors.md §6), a numpy/scipy re-implementation
 * (tests/fixtures/reference/recovery_numpy.py, recorded in recovery_numpy.json), the truth's own
 * accounting, and mixlab's transforms at the converted true parameters, which must reproduce the
 * generators' media exactly.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfiguredData, parseMmmConfig } from "mixlab";
import { applyChannelTransforms } from "mixlab/transforms";
import {
  hillCurve,
  logisticCurve,
  normalizedWeights,
  robynGeometric,
  robynInflexion,
  robynWeibullWeights,
  roundHalfEven,
} from "../../tasks/recovery/generators/mod.ts";
import type { GeneratedSet } from "../../tasks/recovery/generators/truth.ts";
import { generateSet, parseGrid } from "../../tasks/recovery/grid.ts";
import { toMmmData, trueTransforms } from "../../tasks/recovery/mixlab_input.ts";
import { writeSets } from "../../tasks/recovery/write_sets.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const grid = parseGrid(Deno.readTextFileSync(join(root, "tasks", "recovery", "sets.jsonl")));
const sets = new Map<string, GeneratedSet>(grid.map((d) => [d.id, generateSet(d)]));

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number, e = expected[i] as number;
    assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${i}]: ${a} vs ${e}`);
  }
}

const windowSum = (x: Float64Array, w: number) => x.slice(0, w).reduce((a, b) => a + b, 0);

Deno.test("Robyn transforms match anchors.md §6 rows 1-6", () => {
  close(
    robynGeometric(new Float64Array([100, 0, 0, 0, 0]), 0.5),
    [100, 50, 25, 12.5, 6.25],
    0,
    "row 1",
  );
  close(
    robynGeometric(new Float64Array(5).fill(100), 0.5),
    [100, 150, 175, 187.5, 193.75],
    0,
    "row 2",
  );
  close(
    robynWeibullWeights(10, 2, 0.3, "pdf"),
    [0.5444, 0.9102, 1, 0.8593, 0.6087, 0.3628, 0.1823, 0.0753, 0.0223, 0],
    5e-5,
    "row 3",
  );
  close(
    robynWeibullWeights(10, 0.5, 0.1, "pdf"),
    [1, 0.4928, 0.2958, 0.1911, 0.1267, 0.0837, 0.0531, 0.0306, 0.0134, 0],
    5e-5,
    "row 4",
  );
  close(
    robynWeibullWeights(10, 1, 0.3, "cdf"),
    [1, 0.7788, 0.4724, 0.2231, 0.0821, 0.0235, 0.0052, 0.0009, 0.0001, 0],
    5e-5,
    "row 5",
  );
  const x = new Float64Array([10, 20, 50, 100]);
  assert.equal(robynInflexion(x, 0.5, 4), 50);
  close(hillCurve(x, 50, 2), [0.038462, 0.137931, 0.5, 0.8], 5e-7, "row 6");
  // R's round(): 2.5 → 2, 3.5 → 4
  assert.deepEqual([roundHalfEven(2.5), roundHalfEven(3.5), roundHalfEven(2.6)], [2, 4, 3]);
});

Deno.test("normalised adstocks and logistic match anchors.md §6 rows 8-11", () => {
  close(normalizedWeights("geometric", 0.5, 4), [8 / 15, 4 / 15, 2 / 15, 1 / 15], 1e-15, "row 8/9");
  close(normalizedWeights("binomial", 0.5, 4), [0.4, 0.3, 0.2, 0.1], 1e-15, "row 10");
  close(
    logisticCurve(new Float64Array([0, 0.5, 1, 2]), 2),
    [0, 0.462117, 0.761594, 0.964028],
    5e-7,
    "row 11",
  );
});

Deno.test("every grid set's truth adds up: contributions, ROAS, shares, baseline and noise", () => {
  assert.ok(grid.length >= 30, `${grid.length} sets`);
  for (const [id, set] of sets) {
    const t = set.truth, w = t.windowWeeks;
    let media = 0, effect = 0, spendShare = 0;
    set.truth.channels.forEach((c, j) => {
      const spend = windowSum(set.spends[j]!.values, w);
      const contribution = windowSum(set.contributions[j]!.values, w);
      close([c.spend, c.contribution], [spend, contribution], 1e-12, `${id} ${c.name} totals`);
      close([c.roas], [contribution / spend], 1e-12, `${id} ${c.name} ROAS`);
      close([c.roas], [c.targetRoas], 1e-12, `${id} ${c.name} target`);
      assert.ok(c.mroas > 0 && Number.isFinite(c.mroas), `${id} ${c.name} mROAS`);
      media += contribution;
      effect += c.effectShare;
      spendShare += c.spendShare;
    });
    close([effect, spendShare], [1, 1], 1e-12, `${id} shares`);
    const expected = set.baseline.map((b, i) =>
      b + set.contributions.reduce((a, c) => a + (c.values[i] as number), 0)
    );
    close([t.mediaShare], [media / windowSum(expected, w)], 1e-12, `${id} media share`);
    assert.ok(set.baseline.every((b) => b > 0), `${id}: baseline positive`);
    // The noise is Gaussian with the recorded sd: its sample sd over ≥ 91 weeks is within 25%.
    const resid = set.kpi.slice(0, w).map((y, i) => y - (expected[i] as number));
    const m = resid.reduce((a, b) => a + b, 0) / w;
    const sd = Math.sqrt(resid.reduce((a, b) => a + (b - m) ** 2, 0) / (w - 1));
    assert.ok(Math.abs(sd / t.noiseSd - 1) < 0.25, `${id}: noise sd ${sd} vs ${t.noiseSd}`);
  }
});

Deno.test("the generators reproduce the numpy re-implementation (recovery_numpy.json) to 1e-9", () => {
  const recorded = JSON.parse(
    Deno.readTextFileSync(join(root, "tests", "fixtures", "reference", "recovery_numpy.json")),
  ) as {
    sets: Record<
      string,
      { channels: Record<string, { beta: number; mroas: number; contribution: number[] }> }
    >;
  };
  assert.ok(Object.keys(recorded.sets).length >= 3);
  for (const [id, want] of Object.entries(recorded.sets)) {
    const set = sets.get(id)!;
    for (const [j, c] of set.truth.channels.entries()) {
      const w = want.channels[c.name]!;
      close([c.beta, c.mroas], [w.beta, w.mroas], 1e-9, `${id} ${c.name} beta, mROAS`);
      close(set.contributions[j]!.values, w.contribution, 1e-9, `${id} ${c.name} contribution`);
    }
  }
});

Deno.test("the true transforms in mixlab's units reproduce every set's media exactly", () => {
  for (const [id, set] of sets) {
    const w = set.truth.windowWeeks, truths = trueTransforms(set, w);
    set.truth.channels.forEach((c, j) => {
      const spend = set.spends[j]!.values.slice(0, w);
      const column = applyChannelTransforms(spend, {
        name: c.name,
        scale: spend.reduce((a, b) => a + b, 0) / w,
        ...truths[j]!,
      });
      close(
        column.map((v) => c.beta * v),
        set.contributions[j]!.values.slice(0, w),
        1e-9,
        `${id} ${c.name}`,
      );
    });
  }
});

Deno.test("a written set loads through the CLI's loader to the runner's data, bit for bit", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mixlab-recovery-" });
  try {
    const chosen = [sets.get("issue12b")!, sets.get("robyn-wpdf-4ch-n02-c40-fl")!];
    await writeSets(chosen, dir);
    for (const set of chosen) {
      const config = parseMmmConfig(
        JSON.parse(await Deno.readTextFile(join(dir, `${set.id}.config.json`))),
      );
      assert.ok(config.tuning, "the default config tunes");
      const loaded = await loadConfiguredData(config, { baseDir: dir });
      const mine = toMmmData(set);
      assert.deepEqual(loaded.dates, mine.dates);
      assert.deepEqual(Array.from(loaded.kpi.values), Array.from(mine.kpi.values));
      for (const [j, c] of mine.channels.entries()) {
        assert.deepEqual(Array.from(loaded.channels[j]!.spend), Array.from(c.spend));
      }
      for (const [j, c] of mine.controls.entries()) {
        assert.deepEqual(Array.from(loaded.controls[j]!.values), Array.from(c.values));
      }
      const truth = JSON.parse(await Deno.readTextFile(join(dir, `${set.id}.truth.json`)));
      assert.equal(truth.channels[0].roas, set.truth.channels[0]!.roas);
      parseMmmConfig(JSON.parse(await Deno.readTextFile(join(dir, `${set.id}.true.config.json`))));
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
