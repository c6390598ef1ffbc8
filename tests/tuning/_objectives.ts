// Test functions with known minima, loadable by workers through an EvaluatorSource.
import type { Evaluator } from "mixlab/tuning";

/** Branin–Hoo on [-5, 10] × [0, 15]; global minimum 0.397887 (Dixon & Szegő 1978). */
export function branin(x: number, y: number): number {
  const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
  return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - t) * Math.cos(x) + 10;
}

/** Builds a test evaluator by name: "branin", "sphere", or "zdt1" (two objectives). */
export function createEvaluator(payload: unknown): Evaluator {
  const { name } = payload as { name: string };
  if (name === "branin") {
    return {
      objectives: ["value"],
      extras: ["x"],
      evaluate(p, out) {
        out[0] = branin(p[0]!, p[1]!);
        out[1] = p[0]!;
      },
    };
  }
  if (name === "zdt1") {
    return {
      objectives: ["f1", "f2"],
      extras: [],
      evaluate(p, out) {
        const n = p.length;
        let s = 0;
        for (let i = 1; i < n; i++) s += p[i]!;
        const g = 1 + 9 * s / (n - 1);
        out[0] = p[0]!;
        out[1] = g * (1 - Math.sqrt(p[0]! / g));
      },
    };
  }
  return {
    objectives: ["value"],
    extras: [],
    evaluate(p, out) {
      let s = 0;
      for (let i = 0; i < p.length; i++) s += (p[i]! - 0.3) ** 2;
      out[0] = s;
    },
  };
}
