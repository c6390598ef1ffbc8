import {
  defineSearchSpace,
  type EvaluatorSource,
  minimize,
  type SearchProgress,
} from "mixlab/tuning";
import assert from "node:assert/strict";
import { createEvaluator } from "./_objectives.ts";

const source = (name: string): EvaluatorSource => ({
  module: new URL("./_objectives.ts", import.meta.url).href,
  payload: { name },
});
const space = defineSearchSpace([
  { name: "x", lower: -5, upper: 10 },
  { name: "y", lower: 0, upper: 15 },
]);

Deno.test("minimize() gives identical trials in-thread and on 1 or 2 workers", async () => {
  for (const sampler of ["differential-evolution", "tpe"] as const) {
    const trials = sampler === "tpe" ? 40 : 300;
    const opts = { trials, sampler, seed: 4, batchSize: 16 };
    const inThread = await minimize(source("branin"), space, { ...opts, workers: 0 });
    const one = await minimize(source("branin"), space, { ...opts, workers: 1 });
    const two = await minimize(source("branin"), space, { ...opts, workers: 2 });
    assert.deepEqual(one.valueMatrix, inThread.valueMatrix);
    assert.deepEqual(two.valueMatrix, inThread.valueMatrix);
    assert.deepEqual(two.paramMatrix, inThread.paramMatrix);
    // extras travel with their trial: the extra "x" is the first parameter
    assert.deepEqual(two.trials.map((t) => t.extras.x), two.trials.map((t) => t.params.x));
  }
});

Deno.test("minimize() reports progress after every batch", async () => {
  const seen: SearchProgress[] = [];
  await minimize(createEvaluator({ name: "sphere" }), space, {
    trials: 100,
    sampler: "random",
    batchSize: 25,
    onProgress: (p) => seen.push(p),
  });
  assert.deepEqual(seen.map((p) => p.done), [25, 50, 75, 100]);
  assert.ok(seen.every((p) => p.total === 100 && p.frontSize === 1));
  // the best value never increases
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.best[0]! <= seen[i - 1]!.best[0]!);
  assert.equal(seen.at(-1)!.etaMs, 0);
});

Deno.test("minimize() stops early once the front stops moving", async () => {
  // a flat objective never moves the front after the first trial
  const r = await minimize(() => 1, space, {
    trials: 1000,
    sampler: "random",
    batchSize: 10,
    patience: 50,
  });
  assert.equal(r.stopped, "early-stop");
  assert.equal(r.trials.length, 60);
});

Deno.test("minimize() returns the finished trials when aborted", async () => {
  const controller = new AbortController();
  const r = await minimize(createEvaluator({ name: "sphere" }), space, {
    trials: 1000,
    sampler: "random",
    batchSize: 10,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.done === 30) controller.abort();
    },
  });
  assert.equal(r.stopped, "aborted");
  assert.equal(r.trials.length, 30);
  assert.deepEqual(r.trials.map((t) => t.index), Array.from({ length: 30 }, (_, i) => i));
});

Deno.test("minimize() rejects bad options and unknown strategies", async () => {
  await assert.rejects(() => minimize(() => 0, space, { trials: 0 }), RangeError);
  await assert.rejects(
    // deno-lint-ignore no-explicit-any
    () => minimize(() => 0, space, { sampler: "cma" as any }),
    /unknown strategy "cma"/,
  );
});
