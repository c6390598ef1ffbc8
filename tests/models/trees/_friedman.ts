/**
 * Friedman #1 regression problem (Friedman, 1991; as sklearn `make_friedman1`):
 * y = 10 sin(π x₀x₁) + 20(x₂ − 0.5)² + 10x₃ + 5x₄ + N(0, 1), x ~ U(0, 1)^10 (5 noise features).
 *
 * @module
 */
import { Rng } from "mixlab";

/** Rows of the problem as columns, and the target. */
export interface Sample {
  readonly x: Float64Array[];
  readonly y: Float64Array;
}

/** Draws `n` rows of Friedman #1 with the given seed. */
export function friedman1(n: number, seed: number): Sample {
  const rng = new Rng(seed);
  const x = Array.from({ length: 10 }, () => new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (const c of x) c[i] = rng.uniform();
    const v = (j: number) => x[j]![i] as number;
    y[i] = 10 * Math.sin(Math.PI * v(0) * v(1)) + 20 * (v(2) - 0.5) ** 2 + 10 * v(3) +
      5 * v(4) + rng.normal();
  }
  return { x, y };
}
