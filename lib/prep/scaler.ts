/**
 * Scalers that remember their parameters, so results come back in original units.
 *
 * @module
 */

/** How a scaler centres and divides: standard (mean, sd), max (0, max |x|), mean (0, mean). */
export type ScalerMethod = "standard" | "max" | "mean";

/** Options of {@link fitScaler}. */
export interface ScalerOptions {
  /** The method. @default "standard" */
  readonly method?: ScalerMethod;
}

/**
 * A fitted scaler: `transform(x) = (x − center) / scale`, `inverse(y) = y·scale + center`.
 *
 * @example Standard scaling and back
 * ```ts
 * import { fitScaler } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * const s = fitScaler(new Float64Array([1, 2, 3]));
 * assert.deepEqual(Array.from(s.transform(new Float64Array([2]))), [0]);
 * assert.deepEqual(Array.from(s.inverse(s.transform(new Float64Array([3])))), [3]);
 * ```
 */
export class Scaler {
  /** The method. */
  readonly method: ScalerMethod;
  /** Subtracted first. */
  readonly center: number;
  /** Divided by next. */
  readonly scale: number;

  /** Makes a scaler from known parameters; prefer {@link fitScaler}. */
  constructor(method: ScalerMethod, center: number, scale: number) {
    if (!(scale > 0) || !Number.isFinite(scale)) {
      throw new RangeError(`Cannot make a scaler: scale must be positive and finite, got ${scale}`);
    }
    this.method = method;
    this.center = center;
    this.scale = scale;
  }

  /** `(x − center) / scale`. */
  transform(x: Float64Array): Float64Array {
    return x.map((v) => (v - this.center) / this.scale);
  }

  /** `y·scale + center`: back to original units. */
  inverse(y: Float64Array): Float64Array {
    return y.map((v) => v * this.scale + this.center);
  }

  /** Plain JSON form. */
  toJSON(): { method: ScalerMethod; center: number; scale: number } {
    return { method: this.method, center: this.center, scale: this.scale };
  }

  /** Rebuilds a scaler from {@link Scaler.toJSON}. */
  static fromJSON(json: { method: ScalerMethod; center: number; scale: number }): Scaler {
    return new Scaler(json.method, json.center, json.scale);
  }
}

/**
 * Fits a scaler: `standard` centres on the mean and divides by the standard deviation (divided
 * by n, as scikit-learn's StandardScaler); `max` divides by the largest |x|; `mean` divides by
 * the mean (LightweightMMM's CustomScaler).
 *
 * @param x The values.
 * @param options The method.
 * @returns The scaler.
 * @throws {RangeError} When the scale would be 0 (a constant or all-zero column).
 */
export function fitScaler(x: Float64Array, options: ScalerOptions = {}): Scaler {
  const method = options.method ?? "standard";
  const n = x.length;
  let mean = 0, maxAbs = 0;
  for (const v of x) {
    mean += v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  mean /= n;
  if (method === "standard") {
    let s = 0;
    for (const v of x) s += (v - mean) ** 2;
    return new Scaler(method, mean, Math.sqrt(s / n));
  }
  if (method === "max") return new Scaler(method, 0, maxAbs);
  if (method === "mean") return new Scaler(method, 0, mean);
  throw new RangeError(
    `Cannot fit a scaler: method must be "standard", "max" or "mean", got "${String(method)}"`,
  );
}
