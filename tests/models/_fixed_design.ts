/**
 * The fixed design of tests/fixtures/reference/models_linear.py, rebuilt exactly (integer
 * arithmetic), as MmmData whose design matrix is exactly X: either four channels with no
 * adstock (decay 0), identity saturation and scale 1, or four controls; no trend, no seasonality.
 */
import { defineModelSpec, type MmmData, type ModelSpec } from "mixlab";

export const N = 30;

export function fixedColumns(): Float64Array[] {
  const cols = [0, 1, 2, 3].map(() => new Float64Array(N));
  for (let i = 0; i < N; i++) {
    cols[0]![i] = ((7 * i + 3) % 17) / 4;
    cols[1]![i] = ((5 * i + 1) % 13) / 2;
    cols[2]![i] = ((11 * i + 4) % 19) / 3 - 2;
    cols[3]![i] = i % 7;
  }
  return cols;
}

export function fixedResponse(): Float64Array {
  const [x1, x2, x3, x4] = fixedColumns() as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    y[i] = 3 + 1.5 * x1[i]! - 0.8 * x2[i]! + 0.5 * x3[i]! + 0.2 * x4[i]! +
      (((31 * i) % 11) - 5) / 2;
  }
  return y;
}

export function weeklyDates(n: number, start = "2020-01-06"): string[] {
  const t0 = Date.parse(start + "T00:00:00Z");
  return Array.from(
    { length: n },
    (_, i) => new Date(t0 + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
}

const NAMES = ["x1", "x2", "x3", "x4"];

/** The fixed design as four channels (media) or four controls. */
export function fixedData(as: "channels" | "controls"): { data: MmmData; spec: ModelSpec } {
  const cols = fixedColumns();
  const data: MmmData = {
    dates: weeklyDates(N),
    kpi: { name: "y", values: fixedResponse() },
    kpiKind: "revenue",
    channels: as === "channels" ? NAMES.map((name, j) => ({ name, spend: cols[j]! })) : [],
    controls: as === "controls" ? NAMES.map((name, j) => ({ name, values: cols[j]! })) : [],
  };
  const spec = defineModelSpec({
    channels: as === "channels"
      ? NAMES.map((name) => ({
        name,
        scale: 1,
        adstock: { kind: "geometric", params: { decay: 0 } },
        saturation: { kind: "identity" },
      }))
      : [],
    controls: as === "controls" ? NAMES : [],
    baseline: { yearlyFourier: 0, trend: "none" },
  });
  return { data, spec };
}

/** Asserts |a − e| ≤ rel·max(|e|, floor) elementwise. */
export function assertRelClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rel: number,
  floor = 1e-12,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`length ${actual.length} ≠ ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    if (!(Math.abs(a - e) <= rel * Math.max(Math.abs(e), floor))) {
      throw new Error(`index ${i}: got ${a}, expected ${e} (rel ${rel})`);
    }
  }
}
