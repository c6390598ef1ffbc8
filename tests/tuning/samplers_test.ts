import { paretoFront } from "mixlab/_internal/pareto.ts";
import {
  defineSearchSpace,
  differentialEvolutionSampler,
  latinHypercubeSampler,
  minimize,
  randomSampler,
  type Sampler,
  tpeSampler,
} from "mixlab/tuning";
import assert from "node:assert/strict";
import { branin, createEvaluator } from "./_objectives.ts";

const BRANIN_MIN = 0.397887; // Dixon & Szegő (1978)
const braninSpace = defineSearchSpace([
  { name: "x", lower: -5, upper: 10 },
  { name: "y", lower: 0, upper: 15 },
]);

function run(sampler: Sampler, f: (u: Float64Array) => number, n: number): number[] {
  const x = new Float64Array(sampler.dimension), ys: number[] = [];
  for (let i = 0; i < n; i++) {
    sampler.ask(i, x);
    const y = f(x);
    ys.push(y);
    sampler.tell(i, x, new Float64Array([y]));
  }
  return ys;
}

const makers: Record<string, (seed: number) => Sampler> = {
  random: (seed) => randomSampler(3, { seed }),
  lhs: (seed) => latinHypercubeSampler(3, { seed, trials: 50 }),
  tpe: (seed) => tpeSampler(3, { seed }),
  de: (seed) => differentialEvolutionSampler(3, { seed, populationSize: 10 }),
};
const sphere = (u: Float64Array) => u.reduce((a, v) => a + (v - 0.3) ** 2, 0);

for (const [name, make] of Object.entries(makers)) {
  Deno.test(`${name} sampler gives the same trials for the same seed`, () => {
    assert.deepEqual(run(make(9), sphere, 50), run(make(9), sphere, 50));
    assert.notDeepEqual(run(make(9), sphere, 50), run(make(10), sphere, 50));
  });
}

Deno.test("tpeSampler() reaches the Branin minimum within 1% in 200 trials", async () => {
  const r = await minimize((p) => branin(p[0]!, p[1]!), braninSpace, {
    trials: 200,
    sampler: "tpe",
    seed: 11,
  });
  const best = Math.min(...r.trials.map((t) => t.values[0]!));
  assert.ok(best < BRANIN_MIN * 1.01, `best ${best}`);
});

Deno.test("tpeSampler() beats random search on Branin at equal budget over 5 seeds", async () => {
  let tpeWins = 0;
  for (let seed = 1; seed <= 5; seed++) {
    const score = async (sampler: "tpe" | "random") => {
      const r = await minimize((p) => branin(p[0]!, p[1]!), braninSpace, {
        trials: 100,
        sampler,
        seed,
      });
      return Math.min(...r.trials.map((t) => t.values[0]!));
    };
    if ((await score("tpe")) < (await score("random"))) tpeWins++;
  }
  assert.ok(tpeWins >= 4, `TPE won ${tpeWins} of 5`);
});

Deno.test("differentialEvolutionSampler() minimises the 2-D Rosenbrock function", () => {
  // f(1, 1) = 0 on [-2, 2]²
  const s = differentialEvolutionSampler(2, { seed: 5, populationSize: 20 });
  const ys = run(s, (u) => {
    const x = 4 * u[0]! - 2, y = 4 * u[1]! - 2;
    return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
  }, 3000);
  assert.ok(Math.min(...ys) < 1e-6);
});

Deno.test("latinHypercubeSampler() covers every stratum of every dimension", () => {
  const n = 20, s = latinHypercubeSampler(3, { seed: 2, trials: n });
  const x = new Float64Array(3), seen = [new Set(), new Set(), new Set()];
  for (let i = 0; i < n; i++) {
    s.ask(i, x);
    for (let k = 0; k < 3; k++) seen[k]!.add(Math.floor(x[k]! * n));
  }
  for (const set of seen) assert.equal(set.size, n);
});

Deno.test("differentialEvolutionSampler() approaches the ZDT1 Pareto front", async () => {
  // ZDT1 (Zitzler, Deb & Thiele 2000), 5 variables: the true front is f2 = 1 − √f1
  const space = defineSearchSpace(
    Array.from({ length: 5 }, (_, i) => ({ name: `x${i}`, lower: 0, upper: 1 })),
  );
  const r = await minimize(createEvaluator({ name: "zdt1" }), space, {
    trials: 6000,
    sampler: "differential-evolution",
    seed: 3,
  });
  const front = paretoFront(r.valueMatrix, 2);
  assert.ok(front.length >= 20, `front has ${front.length} points`);
  let worstGap = 0, minF1 = 1, maxF1 = 0;
  for (const t of front) {
    const [f1, f2] = r.trials[t]!.values as [number, number];
    worstGap = Math.max(worstGap, f2 - (1 - Math.sqrt(f1)));
    minF1 = Math.min(minF1, f1);
    maxF1 = Math.max(maxF1, f1);
  }
  assert.ok(worstGap < 0.05, `farthest front point is ${worstGap} above the true front`);
  assert.ok(minF1 < 0.05 && maxF1 > 0.9, `front spans f1 ∈ [${minF1}, ${maxF1}]`);
});

Deno.test("tpeSampler() with two objectives spreads along the ZDT1 front better than random", async () => {
  // ZDT1 with 3 variables; score = mean distance of the found front above f2 = 1 − √f1
  const space = defineSearchSpace(
    Array.from({ length: 3 }, (_, i) => ({ name: `x${i}`, lower: 0, upper: 1 })),
  );
  const gap = async (sampler: "tpe" | "random") => {
    const r = await minimize(createEvaluator({ name: "zdt1" }), space, {
      trials: 300,
      sampler,
      seed: 4,
    });
    const front = paretoFront(r.valueMatrix, 2);
    return front.reduce((s, t) => {
      const [f1, f2] = r.trials[t]!.values as [number, number];
      return s + (f2 - (1 - Math.sqrt(f1)));
    }, 0) / front.length;
  };
  const tpe = await gap("tpe"), random = await gap("random");
  assert.ok(tpe < random, `TPE gap ${tpe}, random gap ${random}`);
});
