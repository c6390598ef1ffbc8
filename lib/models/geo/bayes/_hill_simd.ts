/**
 * The Hill saturation and its derivatives over many rows at once, in WebAssembly SIMD: the geo
 * model's hottest loop (a log and an exp per row of a 40 × 156 panel, five channels, every
 * gradient). Same contract as `hillForward` (`bayes/_fused_transforms.ts`), to within a few
 * units in the last place (the kernel computes its own log and exp: `_hill_simd.wat`), about
 * 2.7× its speed (bench/README.md). Each instance owns a WebAssembly memory sized for the rows it
 * was made for (padded to the kernel's block of rows).
 *
 * @example Matches the closed form
 * ```ts
 * import { SimdHill } from "./_hill_simd.ts";
 * import assert from "node:assert/strict";
 * const b = {
 *   u: Float64Array.of(0, 0.5, 1, 2), du: [], s: new Float64Array(4), slope: new Float64Array(4), ds: [],
 * };
 * new SimdHill(4).forward(b, { k: 1, shape: 2, dk: -1, ds: -1 }, 0, 4);
 * assert.ok(Math.abs(b.s[2]! - 0.5) < 1e-15 && Math.abs(b.s[3]! - 0.8) < 1e-15 && b.s[0] === 0);
 * ```
 *
 * @module
 */
import type { ColumnBuffers } from "../../bayes/_channel_kernel.ts";
import { HILL_SIMD_ROWS, HILL_SIMD_WASM } from "./_hill_simd_wasm.ts";

/** A Hill curve: half-saturation k, shape a, and where its derivatives go (−1: nowhere). */
export interface HillCurve {
  readonly k: number;
  readonly shape: number;
  /** Index in `ds` of ∂y/∂k. */
  readonly dk: number;
  /** Index in `ds` of ∂y/∂a. */
  readonly ds: number;
}

let compiled: WebAssembly.Module | undefined;

function wasmModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(
    Uint8Array.from(atob(HILL_SIMD_WASM), (c) => c.charCodeAt(0)),
  );
  return compiled;
}

type HillExport = (
  u: number,
  y: number,
  slope: number,
  dk: number,
  ds: number,
  rows: number,
  lk: number,
  shape: number,
  ak: number,
  want: number,
) => void;

/** A SIMD Hill kernel for ranges of up to `rows` rows, with buffers of its own. */
export class SimdHill {
  readonly #hill: HillExport;
  readonly #rows: number;
  readonly #cap: number;
  readonly #u: Float64Array;
  readonly #y: Float64Array;
  readonly #slope: Float64Array;
  readonly #dk: Float64Array;
  readonly #ds: Float64Array;

  /** @param rows The longest range {@link SimdHill.forward} will be given. */
  constructor(rows: number) {
    this.#rows = rows;
    const cap = this.#cap = Math.ceil(Math.max(rows, 1) / HILL_SIMD_ROWS) * HILL_SIMD_ROWS;
    const instance = new WebAssembly.Instance(wasmModule(), {});
    const memory = instance.exports.memory as WebAssembly.Memory;
    const pages = Math.ceil((5 * cap * 8) / 65536) - memory.buffer.byteLength / 65536;
    if (pages > 0) memory.grow(pages);
    const f = new Float64Array(memory.buffer);
    [this.#u, this.#y, this.#slope, this.#dk, this.#ds] = [0, 1, 2, 3, 4].map((i) =>
      f.subarray(i * cap, (i + 1) * cap)
    ) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    this.#hill = instance.exports.hill as HillExport;
  }

  /**
   * Hill `y = 1/(1 + (k/u)^a)` over rows [from, to) of `b.u` into the same rows of `b.s`, dy/du
   * into `b.slope`, and ∂y/∂k, ∂y/∂a into `b.ds[curve.dk]`, `b.ds[curve.ds]` where those are
   * ≥ 0 (0 where u ≤ 0). The rows are copied into the kernel's memory and the results out.
   */
  forward(b: ColumnBuffers, curve: HillCurve, from: number, to: number): void {
    const n = to - from;
    if (n > this.#rows) {
      throw new RangeError(`SimdHill: ${n} rows, made for at most ${this.#rows}`);
    }
    // rows past n keep whatever they held: computed, never read
    this.#u.set(b.u.subarray(from, to));
    const B = 8 * this.#cap, rows = Math.ceil(n / HILL_SIMD_ROWS) * HILL_SIMD_ROWS;
    const { k, shape } = curve;
    const dk = curve.dk >= 0 ? b.ds[curve.dk] : undefined;
    const ds = curve.ds >= 0 ? b.ds[curve.ds] : undefined;
    const want = (dk ? 1 : 0) | (ds ? 2 : 0);
    this.#hill(0, B, 2 * B, 3 * B, 4 * B, rows, Math.log(k), shape, -shape / k, want);
    b.s.set(this.#y.subarray(0, n), from);
    b.slope.set(this.#slope.subarray(0, n), from);
    dk?.set(this.#dk.subarray(0, n), from);
    ds?.set(this.#ds.subarray(0, n), from);
  }
}
