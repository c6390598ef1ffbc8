/**
 * k-means clustering with k-means++ seeding, used to group candidate models by their ROAS
 * profiles, and Robyn's rule for choosing k from the within-cluster sum of squares.
 *
 * @module
 */
import { Rng } from "../rng.ts";

/** Options of {@link kmeans}. */
export interface KmeansOptions {
  /** Seed of the k-means++ seeding. @default 1 */
  readonly seed?: number;
  /** Restarts; the one with the lowest within-cluster sum of squares is kept. @default 10 */
  readonly restarts?: number;
  /** Maximum Lloyd iterations per restart. @default 100 */
  readonly maxIterations?: number;
}

/** The result of {@link kmeans}. */
export interface KmeansResult {
  /** Cluster of each point, 0 … k − 1. */
  readonly labels: Int32Array;
  /** Cluster centres, k × dimension, row-major. */
  readonly centers: Float64Array;
  /** Within-cluster sum of squared distances. */
  readonly wss: number;
}

/**
 * Clusters n points of dimension `dim` (flat row-major `points`) into k groups: k-means++
 * seeding (Arthur & Vassilvitskii 2007) then Lloyd iterations, best of several restarts.
 *
 * @example Two obvious groups
 * ```ts
 * import { kmeans } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const pts = new Float64Array([0, 0, 0.1, 0, 10, 10, 10.1, 10]);
 * const { labels, wss } = kmeans(pts, { dim: 2, k: 2 });
 * assert.equal(labels[0], labels[1]);
 * assert.notEqual(labels[0], labels[2]);
 * assert.ok(Math.abs(wss - 0.01) < 1e-12);
 * ```
 */
export function kmeans(
  points: Float64Array,
  options: KmeansOptions & { readonly dim: number; readonly k: number },
): KmeansResult {
  const { dim, k } = options;
  const n = Math.floor(points.length / dim);
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`Cannot cluster: k must be an integer in [1, ${n}], got ${k}`);
  }
  const rng = new Rng(options.seed ?? 1);
  const restarts = options.restarts ?? 10;
  const maxIter = options.maxIterations ?? 100;
  let best: KmeansResult | undefined;
  const dist2 = (i: number, centers: Float64Array, c: number): number => {
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const diff = (points[i * dim + j] as number) - (centers[c * dim + j] as number);
      s += diff * diff;
    }
    return s;
  };
  for (let r = 0; r < restarts; r++) {
    const centers = new Float64Array(k * dim);
    const first = rng.int(n);
    centers.set(points.subarray(first * dim, first * dim + dim), 0);
    const near = new Float64Array(n).fill(Infinity);
    for (let c = 1; c < k; c++) {
      let total = 0;
      for (let i = 0; i < n; i++) {
        near[i] = Math.min(near[i] as number, dist2(i, centers, c - 1));
        total += near[i] as number;
      }
      let pick = n - 1;
      if (total > 0) {
        let u = rng.uniform() * total;
        for (let i = 0; i < n; i++) {
          u -= near[i] as number;
          if (u < 0) {
            pick = i;
            break;
          }
        }
      } else pick = rng.int(n);
      centers.set(points.subarray(pick * dim, pick * dim + dim), c * dim);
    }
    const labels = new Int32Array(n).fill(-1);
    const counts = new Int32Array(k);
    let wss = 0;
    for (let iter = 0; iter < maxIter; iter++) {
      let changed = false;
      wss = 0;
      for (let i = 0; i < n; i++) {
        let bc = 0, bd = Infinity;
        for (let c = 0; c < k; c++) {
          const dd = dist2(i, centers, c);
          if (dd < bd) {
            bd = dd;
            bc = c;
          }
        }
        wss += bd;
        if (labels[i] !== bc) {
          labels[i] = bc;
          changed = true;
        }
      }
      if (!changed) break;
      centers.fill(0);
      counts.fill(0);
      for (let i = 0; i < n; i++) {
        const c = labels[i] as number;
        counts[c] = (counts[c] as number) + 1;
        for (let j = 0; j < dim; j++) {
          centers[c * dim + j] = (centers[c * dim + j] as number) + (points[i * dim + j] as number);
        }
      }
      for (let c = 0; c < k; c++) {
        const cnt = counts[c] as number;
        if (cnt === 0) {
          // an empty cluster restarts at the point farthest from its centre
          let far = 0, fd = -1;
          for (let i = 0; i < n; i++) {
            const dd = dist2(i, centers, labels[i] as number);
            if (dd > fd) {
              fd = dd;
              far = i;
            }
          }
          centers.set(points.subarray(far * dim, far * dim + dim), c * dim);
        } else {
          for (let j = 0; j < dim; j++) {
            centers[c * dim + j] = (centers[c * dim + j] as number) / cnt;
          }
        }
      }
    }
    if (!best || wss < best.wss) best = { labels, centers, wss };
  }
  return best as KmeansResult;
}

/**
 * Robyn's choice of k (`R/R/clusters.R`, v3.12): with WSS(k) normalised by WSS(1), the largest
 * k whose drop from k − 1 exceeds `wssVar`, kept within [kMin, kMax].
 *
 * @example An elbow at three clusters
 * ```ts
 * import { chooseClusterCount } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * // normalised WSS for k = 1…6: drops 0.5, 0.3, 0.05, 0.03, 0.02
 * const wss = [1, 0.5, 0.2, 0.15, 0.12, 0.1];
 * assert.equal(chooseClusterCount(wss, { wssVar: 0.06, kMin: 1, kMax: 6 }), 3);
 * ```
 */
export function chooseClusterCount(
  wss: readonly number[],
  options: { readonly wssVar?: number; readonly kMin?: number; readonly kMax?: number } = {},
): number {
  const wssVar = options.wssVar ?? 0.06;
  const kMin = options.kMin ?? 3;
  const kMax = Math.min(options.kMax ?? 10, wss.length);
  const w1 = wss[0] as number;
  let k = 1;
  for (let i = 1; i < wss.length; i++) {
    const drop = w1 > 0 ? ((wss[i - 1] as number) - (wss[i] as number)) / w1 : 0;
    if (drop > wssVar) k = i + 1;
  }
  return Math.max(Math.min(kMin, kMax), Math.min(k, kMax));
}
