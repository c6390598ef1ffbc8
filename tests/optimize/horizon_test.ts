import assert from "node:assert/strict";
import { ConfigError } from "mixlab";
import { optimizeHorizon } from "mixlab/optimize";

const tvSat = (a: number) => 30 * Math.log1p(a / 4);
const radioSat = (a: number) => 12 * (1 - Math.exp(-a / 3));
const channels = [
  { name: "tv", currentSpend: 3, adstock: [1, 0.6, 0.3], saturation: tvSat },
  { name: "radio", currentSpend: 3, adstock: [1, 0.2], saturation: radioSat },
];

/** Total KPI over 2 periods, written out: pre-horizon spend is 3 for both channels. */
function total(t0: number, t1: number, r0: number, r1: number): number {
  return tvSat(t0 + 0.6 * 3 + 0.3 * 3) + tvSat(t1 + 0.6 * t0 + 0.3 * 3) +
    radioSat(r0 + 0.2 * 3) + radioSat(r1 + 0.2 * r0);
}

Deno.test("optimizeHorizon() matches a brute-force search with carryover (2 channels × 2 periods)", () => {
  const B = 12;
  // brute force over (t0, t1, r0) with r1 = B − t0 − t1 − r0: a coarse grid, then a finer one
  let best = -Infinity, arg = [0, 0, 0];
  const search = (c: number[], half: number, n: number) => {
    const [c0, c1, c2] = c as [number, number, number];
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        for (let k = 0; k <= n; k++) {
          const t0 = c0 - half + (2 * half * i) / n, t1 = c1 - half + (2 * half * j) / n;
          const r0 = c2 - half + (2 * half * k) / n, r1 = B - t0 - t1 - r0;
          if (t0 < 0 || t1 < 0 || r0 < 0 || r1 < 0) continue;
          const v = total(t0, t1, r0, r1);
          if (v > best) [best, arg] = [v, [t0, t1, r0]];
        }
      }
    }
  };
  search([6, 6, 6], 6, 60);
  search(arg, 0.4, 40);
  search(arg, 0.04, 40);
  const plan = optimizeHorizon(channels, { periods: 2, budget: B });
  const [pt0, pt1] = plan.spend.tv!, [pr0, pr1] = plan.spend.radio!;
  const got = total(pt0!, pt1!, pr0!, pr1!);
  assert.ok(Math.abs(got - plan.total) < 1e-9);
  assert.ok(Math.abs(pt0! + pt1! + pr0! + pr1! - B) < 1e-6);
  assert.ok(got >= best * (1 - 1e-5), `${got} vs brute force ${best}`);
  assert.ok(Math.abs(pt0! - arg[0]!) < 0.05 && Math.abs(pr0! - arg[2]!) < 0.05);
  // carryover makes the first period worth more for tv (its spend keeps working in period 2)
  assert.ok(pt0! > pt1!);
});

Deno.test("optimizeHorizon() refuses S-shaped saturation and unknown channel caps", () => {
  const s = (a: number) => a * a / (1 + a * a);
  assert.throws(
    () =>
      optimizeHorizon([{ name: "tv", currentSpend: 1, adstock: [1], saturation: s }], {
        periods: 2,
      }),
    ConfigError,
  );
  assert.throws(
    () => optimizeHorizon(channels, { periods: 2, maxPerPeriod: { print: 1 } }),
    ConfigError,
  );
  assert.throws(() => optimizeHorizon(channels, { periods: 0 }), RangeError);
});
