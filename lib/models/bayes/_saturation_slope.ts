/**
 * The derivative of each registered saturation with respect to its input, dy/dx, which the
 * chain rule from saturation back through adstock needs (the descriptors give derivatives with
 * respect to parameters only). A contract test checks every entry against finite differences
 * of the descriptor's `apply`.
 *
 * @module
 */

/** Writes dy/dx of saturation `kind` at inputs `x` (outputs `y`) into `out`. */
type Slope = (
  x: Float64Array,
  y: Float64Array,
  params: Readonly<Record<string, number>>,
  out: Float64Array,
) => void;

function hillSlope(x: Float64Array, y: Float64Array, a: number, out: Float64Array) {
  for (let t = 0; t < x.length; t++) {
    const v = x[t] as number, s = y[t] as number;
    // y = r/(1+r), r = (x/k)^a: dy/dx = a·y·(1 − y)/x. At x = 0 adstocked spend and its
    // parameter derivatives are both zero, so the slope's value there never matters.
    out[t] = v > 0 ? (a * s * (1 - s)) / v : 0;
  }
}

const SLOPES: ReadonlyMap<string, Slope> = new Map<string, Slope>([
  ["hill", (x, y, p, out) => hillSlope(x, y, p.shape as number, out)],
  ["power-hill", (x, y, p, out) => hillSlope(x, y, p.shape as number, out)],
  ["logistic", (_x, y, p, out) => {
    // y = tanh(λx/2): dy/dx = (λ/2)(1 − y²)
    const h = 0.5 * (p.lambda as number);
    for (let t = 0; t < y.length; t++) out[t] = h * (1 - (y[t] as number) ** 2);
  }],
  ["michaelis-menten", (x, _y, p, out) => {
    // y = x/(k + x): dy/dx = k/(k + x)²
    const k = p.halfSaturation as number;
    for (let t = 0; t < x.length; t++) out[t] = k / (k + (x[t] as number)) ** 2;
  }],
  ["tanh", (_x, y, p, out) => {
    // y = tanh(x/c): dy/dx = (1 − y²)/c
    const c = p.scale as number;
    for (let t = 0; t < y.length; t++) out[t] = (1 - (y[t] as number) ** 2) / c;
  }],
  ["identity", (_x, _y, _p, out) => {
    out.fill(1);
  }],
  ["log1p", (x, _y, _p, out) => {
    for (let t = 0; t < x.length; t++) out[t] = 1 / (1 + (x[t] as number));
  }],
]);

/** Saturation kinds whose input derivative is known. */
export const SLOPE_KINDS: readonly string[] = [...SLOPES.keys()];

/** The dy/dx function of a saturation kind, or undefined when it is not known. */
export function saturationSlope(kind: string): Slope | undefined {
  return SLOPES.get(kind);
}
