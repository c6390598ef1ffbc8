import { formatProgress, progressView, terminalProgress } from "mixlab/tuning";
import assert from "node:assert/strict";

const snap = (done: number) => ({
  done,
  total: 200,
  best: [0.5, 0.25],
  frontSize: 7,
  stalled: 0,
  elapsedMs: 1000 * done,
  etaMs: 1000 * (200 - done),
});

Deno.test("formatProgress() draws the bar, the counts and the time left", () => {
  assert.equal(
    formatProgress(snap(50), { width: 8, objectives: ["nrmse", "rssd"] }),
    "[##------]  50/200  25%  nrmse 0.5  rssd 0.25  front 7  eta 2m30s",
  );
});

Deno.test("terminalProgress() redraws one line and ends it when done", () => {
  const out: string[] = [];
  const cb = terminalProgress({ width: 4, write: (s) => out.push(s) });
  cb(snap(100));
  cb(snap(200));
  assert.ok(out[0]!.startsWith("\r[##--]") && !out[0]!.endsWith("\n"));
  assert.ok(out[1]!.startsWith("\r[####]") && out[1]!.endsWith("\n"));
});

Deno.test("progressView() escapes objective names in its HTML", () => {
  const html = progressView(snap(10), ["<nrmse>", "rssd"]).toHtml();
  assert.ok(html.includes("&lt;nrmse&gt;"));
  assert.ok(!html.includes("<nrmse>"));
});
