/**
 * The recovery study's figures on hand-built fits, every expected value counted by hand: the
 * median ROAS and mROAS errors, the share of channels more than 50% off and of those the share a
 * warning names, interval coverage of the true ROAS and mROAS, and the bands of the share of the
 * contribution credited below the lowest observed input.
 */
import assert from "node:assert/strict";
import type { GeneratedSet } from "../../tasks/recovery/generators/truth.ts";
import type { MethodEstimate } from "../../tasks/recovery/method.ts";
import { extrapolationBands } from "../../tasks/recovery/extrapolation_checks.ts";
import { figures, scoreFit } from "../../tasks/recovery/score.ts";

/** A set whose truth holds only what scoring reads: per channel ROAS, mROAS and effect share. */
function set(id: string, truth: [string, number, number][]): GeneratedSet {
  return {
    id,
    generator: "robyn",
    truth: {
      channels: truth.map(([name, roas, mroas]) => ({
        name,
        roas,
        mroas,
        effectShare: 1 / truth.length,
      })),
    },
  } as unknown as GeneratedSet;
}

const close = (a: number | null, b: number) =>
  assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

Deno.test("scoreFit: ROAS and mROAS errors and interval coverage against the truth", () => {
  const s = set("a", [["tv", 2, 4], ["search", 1, 0.5]]);
  const estimate: MethodEstimate = {
    channels: [
      { name: "tv", roas: 3, mroas: 3, effectShare: 0.6, mroasCi90: [3.5, 4.5] },
      { name: "search", roas: 0.5, mroas: 0.6, effectShare: 0.4, mroasCi90: [0.7, 0.9] },
    ],
    warnings: [],
  };
  const [tv, search] = scoreFit(s, "m", estimate, 1).channels;
  close(tv!.error, 0.5); // 3 / 2 − 1
  close(tv!.mroasError!, -0.25); // 3 / 4 − 1
  assert.equal(tv!.mroasCovered, true); // 4 in [3.5, 4.5]
  close(search!.mroasError!, 0.2); // 0.6 / 0.5 − 1
  assert.equal(search!.mroasCovered, false); // 0.5 below 0.7
});

Deno.test("figures: misses named by a warning on the channel, mROAS median and coverage", () => {
  // set a: tv 100% off (named by a warning on tv), search 10% off; set b: tv 60% off, warned
  // only on the fit as a whole (holdout-drop) and on another channel: not named.
  const a = scoreFit(set("a", [["tv", 1, 1], ["search", 1, 1]]), "m", {
    channels: [
      { name: "tv", roas: 2, mroas: 1.1, effectShare: 0.5, mroasCi90: [0.9, 1.2] },
      { name: "search", roas: 1.1, mroas: 0.7, effectShare: 0.5, mroasCi90: [0.6, 0.95] },
    ],
    warnings: ["param-on-bound:tv"],
  }, 1);
  const b = scoreFit(set("b", [["tv", 1, 2], ["display", 1, 1]]), "m", {
    channels: [
      { name: "tv", roas: 0.4, mroas: 2.4, effectShare: 0.5 },
      { name: "display", roas: 1, mroas: 1, effectShare: 0.5 },
    ],
    warnings: ["holdout-drop", "share-mismatch:display"],
  }, 1);
  const f = figures([a, b], new Set());
  assert.equal(f.channels, 4);
  // |ROAS errors| 1, 0.1, 0.6, 0: median of {0, 0.1, 0.6, 1} = 0.35
  close(f.medianAbsError, 0.35);
  close(f.over50, 0.5); // tv in a and tv in b
  close(f.over50Named, 0.5); // only a's tv is named
  // |mROAS errors| 0.1, 0.3, 0.2, 0: median 0.15
  close(f.medianAbsMroasError, 0.15);
  close(f.mroasCoverage90, 0.5); // a's tv covered, a's search (0.6–0.95 misses 1) not; b has none
});

Deno.test("figures: no misses and no mROAS give null, not zero", () => {
  const a = scoreFit(set("a", [["tv", 1, 1]]), "m", {
    channels: [{ name: "tv", roas: 1.2, effectShare: 1 }],
    warnings: [],
  }, 1);
  const f = figures([a], new Set());
  assert.equal(f.over50Named, null);
  assert.equal(f.medianAbsMroasError, null);
  assert.equal(f.mroasCoverage90, null);
});

Deno.test("extrapolationBands: bands by the share below the lowest input, bounds inclusive below", () => {
  const ch = (
    name: string,
    extrapolation: number | undefined,
    error: number,
    mroasError: number,
  ) => ({
    name,
    trueRoas: 1,
    roas: 1 + error,
    error,
    mroasError,
    trueShare: 0.25,
    share: 0.25,
    ...(extrapolation === undefined ? {} : { extrapolation }),
  });
  const fit = {
    set: "s",
    generator: "robyn",
    method: "m",
    seconds: 1,
    warnings: ["extrapolated-effect:d", "param-on-bound:c"],
    channels: [
      ch("a", 0.2, 0.1, 0.3),
      ch("b", 0.39, -0.6, 0.1),
      ch("c", 0.6, 0.8, 0.05),
      ch("d", 0.9, 1.2, 0.15),
      ch("e", undefined, 5, 5),
    ],
  };
  const [low, second, third, top] = extrapolationBands([fit]);
  assert.equal(low!.channels, 0); // 0.2 belongs to the band that starts there; e has no measure
  assert.equal(second!.channels, 2);
  close(second!.medianAbsError, 0.35); // (0.1 + 0.6) / 2
  close(second!.medianAbsMroasError, 0.2); // (0.3 + 0.1) / 2
  assert.equal(second!.over50, 1);
  assert.equal(third!.channels, 0);
  assert.equal(top!.channels, 2);
  close(top!.medianAbsError, 1); // (0.8 + 1.2) / 2
  assert.equal(top!.over50, 2);
  assert.equal(top!.named, 1); // d only: c's warning is another code
});
