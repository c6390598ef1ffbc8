import assert from "node:assert/strict";
import { type SamplingProgress, terminalSamplingProgress } from "mixlab/models/bayes";

const chain = (iteration: number) => ({
  iteration,
  warmup: 2,
  draws: 2,
  phase: iteration > 2 ? "sampling" as const : "warmup" as const,
  divergences: 0,
  leapfrogSteps: 3,
});
const updates: SamplingProgress[] = [1, 2, 3, 4].map((i) => ({
  chains: [chain(i)],
  done: i,
  total: 4,
  elapsedMs: 10 * i,
  etaMs: 10 * (4 - i),
}));

Deno.test("terminalSamplingProgress() redraws one line per update when live", () => {
  const written: string[] = [];
  const onProgress = terminalSamplingProgress({ write: (s) => written.push(s) });
  updates.forEach(onProgress);
  assert.equal(written.length, 4);
  assert.ok(written.every((s) => s.startsWith("\r")));
  assert.ok(written[3]!.startsWith("\rchain 1 done 4/4") && written[3]!.endsWith("\n"));
});

Deno.test("terminalSamplingProgress() writes only the closing line when not live (logs, CI)", () => {
  const written: string[] = [];
  const onProgress = terminalSamplingProgress({ write: (s) => written.push(s), live: false });
  updates.forEach(onProgress);
  assert.equal(written.length, 1);
  assert.ok(written[0]!.startsWith("chain 1 done 4/4"), written[0]);
  assert.ok(!written[0]!.includes("\r") && written[0]!.endsWith("\n"));
});
