import { WarmupWindows } from "../../../lib/models/bayes/_nuts_adaptation.ts";
import assert from "node:assert/strict";

/** The iterations (0-based) after which the metric updates, and how many fall inside windows. */
function schedule(warmup: number, base?: number): { ends: number[]; inside: number } {
  const w = new WarmupWindows(warmup, base);
  const ends: number[] = [];
  let inside = 0;
  for (let it = 0; it < warmup; it++) {
    if (w.inWindow()) inside++;
    if (w.step()) ends.push(it);
  }
  return { ends, inside };
}

Deno.test("WarmupWindows gives Stan's default schedule for 1000 warmup iterations", () => {
  // Stan Reference Manual, "HMC algorithm parameters": a 75-iteration initial buffer, windows of
  // 25, 50, 100, 200 and 500 iterations, a 50-iteration terminal buffer.
  assert.deepEqual(schedule(1000), { ends: [99, 149, 249, 449, 949], inside: 875 });
});

Deno.test("WarmupWindows with a first window as long as the middle updates the metric once", () => {
  assert.deepEqual(schedule(1000, 875), { ends: [949], inside: 875 });
  assert.deepEqual(schedule(300, 175), { ends: [249], inside: 175 });
});

Deno.test("WarmupWindows stretches the last window to the terminal buffer", () => {
  // base 100: windows of 100 and 200 iterations end at 174 and 374; a 400-window would end at
  // 774, and the one after it would not fit before the buffer (774 + 2·400 ≥ 950), so the third
  // window runs to 949 (Stan's rule: a window stretches when the next could not fit).
  assert.deepEqual(schedule(1000, 100), { ends: [174, 374, 949], inside: 875 });
});

Deno.test("WarmupWindows.setFirstWindow in the initial buffer reschedules, later it throws", () => {
  const w = new WarmupWindows(1000);
  assert.equal(w.initBuffer, 75);
  assert.equal(w.middle, 875);
  const ends: number[] = [];
  for (let it = 0; it < 1000; it++) {
    if (it === 74) w.setFirstWindow(10_000); // clamped to the middle: one window
    if (w.step()) ends.push(it);
  }
  assert.deepEqual(ends, [949]);
  const late = new WarmupWindows(1000);
  for (let it = 0; it < 80; it++) late.step();
  assert.throws(() => late.setFirstWindow(100), RangeError);
});
