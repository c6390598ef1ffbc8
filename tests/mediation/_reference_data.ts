/**
 * The fixed dataset of tests/fixtures/reference/mediation_statsmodels.py, regenerated with the
 * same xorshift32 stream and Box-Muller transform, so the TS tests and the Python reference see
 * identical numbers without a data file.
 */
export interface ReferenceData {
  readonly x1: Float64Array;
  readonly x2: Float64Array;
  readonly w: Float64Array;
  readonly z: Float64Array;
  readonly m: Float64Array;
  readonly y: Float64Array;
}

/** The 200-row reference dataset. */
export function referenceData(n = 200): ReferenceData {
  let x = 2463534242;
  const next = (): number => {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    return (x + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  const cols = Array.from({ length: 6 }, () => new Float64Array(n));
  const [x1, x2, w, z, e1, e2] = cols as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (let i = 0; i < n; i++) {
    x1[i] = 10 * next();
    x2[i] = 10 * next();
    w[i] = normal();
    z[i] = normal();
    e1[i] = normal();
    e2[i] = normal();
  }
  const m = x1.map((v, i) => 1 + 0.8 * v + 0.3 * x2[i]! + 0.5 * w[i]! + 2 * e1[i]!);
  const y = m.map((v, i) =>
    2 + 0.6 * v + 0.4 * x1[i]! + 0.9 * x2[i]! + 0.7 * w[i]! + 1.2 * z[i]! + 3 * e2[i]!
  );
  return { x1, x2, w, z, m, y };
}
