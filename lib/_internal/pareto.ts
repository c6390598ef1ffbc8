/**
 * Pareto dominance for minimisation: non-dominated sorting into fronts and crowding distance.
 * Objective values are a flat row-major `Float64Array` of n points × m objectives.
 *
 * @module
 */

/** True when point a dominates point b: no worse in every objective, better in one. */
export function dominates(values: Float64Array, m: number, a: number, b: number): boolean {
  let better = false;
  for (let j = 0; j < m; j++) {
    const va = values[a * m + j] as number, vb = values[b * m + j] as number;
    if (va > vb) return false;
    if (va < vb) better = true;
  }
  return better;
}

/**
 * The Pareto rank of every point (0 = non-dominated front, 1 = the front once rank 0 is
 * removed, …), by non-dominated sorting (Deb et al. 2002, NSGA-II). Two objectives use the
 * O(n log n) sweep of Jensen (2003); more use the O(m n²) comparison.
 *
 * @example Two fronts of three points
 * ```ts
 * import { paretoRanks } from "mixlab/_internal/pareto.ts";
 * import assert from "node:assert/strict";
 * const v = new Float64Array([1, 3, 2, 2, 3, 3]); // (1,3) (2,2) (3,3)
 * assert.deepEqual(Array.from(paretoRanks(v, 2)), [0, 0, 1]);
 * ```
 */
export function paretoRanks(values: Float64Array, m: number): Int32Array {
  const n = Math.floor(values.length / m);
  return m === 2 ? ranks2d(values, n) : ranksGeneral(values, m, n);
}

function ranks2d(values: Float64Array, n: number): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    (values[2 * a] as number) - (values[2 * b] as number) ||
    (values[2 * a + 1] as number) - (values[2 * b + 1] as number)
  );
  const rank = new Int32Array(n);
  // lastF1[r], lastF2[r]: the last point placed in front r (fronts are sorted by f2 descending)
  const lastF1: number[] = [], lastF2: number[] = [];
  for (const i of order) {
    const f1 = values[2 * i] as number, f2 = values[2 * i + 1] as number;
    // first front whose last point does not dominate i; a point dominates i when its f2 <= f2
    // (f1 is already <=), except exact duplicates, which share a front
    let lo = 0, hi = lastF2.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const d2 = lastF2[mid] as number, d1 = lastF1[mid] as number;
      const dominated = d2 <= f2 && !(d2 === f2 && d1 === f1);
      if (dominated) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
    lastF1[lo] = f1;
    lastF2[lo] = f2;
  }
  return rank;
}

function ranksGeneral(values: Float64Array, m: number, n: number): Int32Array {
  const count = new Int32Array(n);
  const dominated: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (dominates(values, m, a, b)) {
        (dominated[a] as number[]).push(b);
        count[b] = (count[b] as number) + 1;
      } else if (dominates(values, m, b, a)) {
        (dominated[b] as number[]).push(a);
        count[a] = (count[a] as number) + 1;
      }
    }
  }
  const rank = new Int32Array(n);
  let current: number[] = [];
  for (let i = 0; i < n; i++) if (count[i] === 0) current.push(i);
  let r = 0;
  while (current.length > 0) {
    const next: number[] = [];
    for (const a of current) {
      rank[a] = r;
      for (const b of dominated[a] as number[]) {
        count[b] = (count[b] as number) - 1;
        if (count[b] === 0) next.push(b);
      }
    }
    current = next;
    r++;
  }
  return rank;
}

/**
 * Indices of the non-dominated points (rank 0), ascending.
 *
 * @example The front of three points
 * ```ts
 * import { paretoFront } from "mixlab/_internal/pareto.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(paretoFront(new Float64Array([1, 3, 2, 2, 3, 3]), 2), [0, 1]);
 * ```
 */
export function paretoFront(values: Float64Array, m: number): number[] {
  const rank = paretoRanks(values, m);
  const out: number[] = [];
  for (let i = 0; i < rank.length; i++) if (rank[i] === 0) out.push(i);
  return out;
}

/**
 * Crowding distance of each listed point within its set (Deb et al. 2002): the sum over
 * objectives of the normalised gap between its two neighbours; boundary points get Infinity.
 */
export function crowdingDistance(
  values: Float64Array,
  m: number,
  indices: readonly number[],
): Float64Array {
  const k = indices.length;
  const dist = new Float64Array(k);
  if (k <= 2) return dist.fill(Infinity);
  const pos = Array.from({ length: k }, (_, i) => i);
  for (let j = 0; j < m; j++) {
    const at = (p: number) => values[(indices[p] as number) * m + j] as number;
    pos.sort((a, b) => at(a) - at(b));
    const lo = at(pos[0] as number), hi = at(pos[k - 1] as number);
    dist[pos[0] as number] = Infinity;
    dist[pos[k - 1] as number] = Infinity;
    if (hi === lo) continue;
    for (let p = 1; p < k - 1; p++) {
      const i = pos[p] as number;
      dist[i] = (dist[i] as number) +
        (at(pos[p + 1] as number) - at(pos[p - 1] as number)) / (hi - lo);
    }
  }
  return dist;
}

/**
 * Orders point indices from best to worst: by Pareto rank, then by crowding distance (larger
 * first) within a rank, then by index. With one objective this is the order of the values.
 */
export function rankOrder(values: Float64Array, m: number, indices?: readonly number[]): number[] {
  const idx = indices ?? Array.from({ length: Math.floor(values.length / m) }, (_, i) => i);
  if (m === 1) {
    return [...idx].sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  }
  const sub = new Float64Array(idx.length * m);
  idx.forEach((i, p) => sub.set(values.subarray(i * m, i * m + m), p * m));
  const rank = paretoRanks(sub, m);
  const crowd = new Float64Array(idx.length);
  const byRank = new Map<number, number[]>();
  for (let p = 0; p < idx.length; p++) {
    const r = rank[p] as number;
    const list = byRank.get(r);
    if (list) list.push(p);
    else byRank.set(r, [p]);
  }
  for (const list of byRank.values()) {
    const d = crowdingDistance(sub, m, list);
    list.forEach((p, q) => (crowd[p] = d[q] as number));
  }
  const pos = Array.from({ length: idx.length }, (_, p) => p);
  pos.sort((a, b) =>
    (rank[a] as number) - (rank[b] as number) || (crowd[b] as number) - (crowd[a] as number) ||
    (idx[a] as number) - (idx[b] as number)
  );
  return pos.map((p) => idx[p] as number);
}
