/**
 * The space a tuner searches: named parameters with bounds, optionally on a log scale, some of
 * them fixed. Samplers work in the unit cube of the free parameters; the space maps a unit point
 * to parameter values.
 *
 * @module
 */

/** One parameter of a search space. */
export interface ParamDef {
  /** Parameter name, e.g. `"tv.decay"`, `"lambda"`. */
  readonly name: string;
  /** Lower bound (inclusive). */
  readonly lower: number;
  /** Upper bound (inclusive); equal to `lower` only when the parameter is fixed. */
  readonly upper: number;
  /** Search on a log scale (both bounds must be positive). @default false */
  readonly log?: boolean;
  /** A fixed value: the parameter is not searched. @default undefined */
  readonly fixed?: number;
}

/**
 * A validated, frozen search space.
 *
 * @example Mapping a unit point to values
 * ```ts
 * import { defineSearchSpace } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const space = defineSearchSpace([
 *   { name: "decay", lower: 0, upper: 0.8 },
 *   { name: "lambda", lower: 0.01, upper: 100, log: true },
 *   { name: "shape", lower: 0, upper: 5, fixed: 2 },
 * ]);
 * assert.equal(space.dimension, 2);
 * const v = space.toValues(new Float64Array([0.5, 0.5]));
 * assert.deepEqual(Array.from(v).map((x) => +x.toFixed(6)), [0.4, 1, 2]);
 * ```
 */
export class SearchSpace {
  /** All parameters, fixed ones included, in order. */
  readonly params: readonly ParamDef[];
  /** Positions (in `params`) of the free parameters, in order. */
  readonly free: readonly number[];
  readonly #lo: Float64Array;
  readonly #span: Float64Array;
  readonly #log: Uint8Array;
  readonly #fixed: Float64Array;

  /** Makes a space from validated definitions; prefer {@link defineSearchSpace}. */
  constructor(params: readonly ParamDef[]) {
    this.params = Object.freeze(params.map((p) => Object.freeze({ ...p })));
    this.free = Object.freeze(
      params.flatMap((p, i) => (p.fixed === undefined ? [i] : [])),
    );
    const d = this.free.length;
    this.#lo = new Float64Array(d);
    this.#span = new Float64Array(d);
    this.#log = new Uint8Array(d);
    this.#fixed = new Float64Array(params.length);
    params.forEach((p, i) => (this.#fixed[i] = p.fixed ?? NaN));
    this.free.forEach((pi, k) => {
      const p = params[pi] as ParamDef;
      const log = p.log === true;
      this.#log[k] = log ? 1 : 0;
      this.#lo[k] = log ? Math.log(p.lower) : p.lower;
      this.#span[k] = (log ? Math.log(p.upper) : p.upper) - (this.#lo[k] as number);
    });
  }

  /** Number of free parameters (the dimension samplers work in). */
  get dimension(): number {
    return this.free.length;
  }

  /** Parameter names, fixed ones included. */
  get names(): string[] {
    return this.params.map((p) => p.name);
  }

  /** Maps a unit-cube point of the free parameters to all parameter values. */
  toValues(unit: Float64Array, out = new Float64Array(this.params.length)): Float64Array {
    out.set(this.#fixed);
    const free = this.free;
    for (let k = 0; k < free.length; k++) {
      const u = Math.min(1, Math.max(0, unit[k] as number));
      const v = (this.#lo[k] as number) + u * (this.#span[k] as number);
      out[free[k] as number] = this.#log[k] === 1 ? Math.exp(v) : v;
    }
    return out;
  }

  /** Maps parameter values back to the unit cube of the free parameters. */
  toUnit(values: ArrayLike<number>, out = new Float64Array(this.dimension)): Float64Array {
    const free = this.free;
    for (let k = 0; k < free.length; k++) {
      const x = values[free[k] as number] as number;
      const v = this.#log[k] === 1 ? Math.log(x) : x;
      const span = this.#span[k] as number;
      out[k] = span > 0 ? (v - (this.#lo[k] as number)) / span : 0;
    }
    return out;
  }

  /** Parameter values as a record keyed by name. */
  toRecord(values: ArrayLike<number>): Record<string, number> {
    const record: Record<string, number> = {};
    this.params.forEach((p, i) => (record[p.name] = values[i] as number));
    return record;
  }
}

/**
 * Validates parameter definitions and returns a {@link SearchSpace}.
 *
 * @throws {TypeError} when names repeat or are empty.
 * @throws {RangeError} when bounds are not finite, reversed, non-positive on a log scale, or a
 * fixed value lies outside them.
 */
export function defineSearchSpace(params: readonly ParamDef[]): SearchSpace {
  const seen = new Set<string>();
  for (const p of params) {
    if (typeof p.name !== "string" || p.name === "") {
      throw new TypeError("Cannot define search space: every parameter needs a non-empty name");
    }
    if (seen.has(p.name)) {
      throw new TypeError(`Cannot define search space: parameter "${p.name}" appears twice`);
    }
    seen.add(p.name);
    if (!Number.isFinite(p.lower) || !Number.isFinite(p.upper) || p.lower > p.upper) {
      throw new RangeError(
        `Cannot define search space: parameter "${p.name}" needs finite bounds with lower <= upper, got [${p.lower}, ${p.upper}]`,
      );
    }
    if (p.log === true && p.lower <= 0) {
      throw new RangeError(
        `Cannot define search space: parameter "${p.name}" is on a log scale, so its lower bound must be positive, got ${p.lower}`,
      );
    }
    if (p.fixed !== undefined && !(p.fixed >= p.lower && p.fixed <= p.upper)) {
      throw new RangeError(
        `Cannot define search space: fixed value ${p.fixed} of "${p.name}" lies outside [${p.lower}, ${p.upper}]`,
      );
    }
  }
  return new SearchSpace(params);
}
