/**
 * Private CART core shared by the regression tree, the random forest and gradient boosting:
 * grows a least-squares regression tree on a subset of rows (with repeats, for bootstrap
 * samples) and predicts with it.
 *
 * The split rule is scikit-learn's best splitter with the squared-error criterion
 * (sklearn/tree/_splitter.pyx and _criterion.pyx, v1.2): for each candidate feature the rows are
 * sorted, a split may fall only between values more than 1e-7 apart, both sides must keep
 * `minSamplesLeaf` rows, the best split maximises S_L²/n_L + S_R²/n_R (equivalent to the largest
 * decrease of the summed squared error), ties keep the first found, and the threshold is the
 * midpoint of the two neighbouring values. A node is a leaf when it is at `maxDepth`, has fewer
 * than `minSamplesSplit` or `2·minSamplesLeaf` rows, or is pure.
 *
 * @module
 */
import type { DenseMatrix, MatrixLike } from "../../_internal/linalg.ts";
import { resolveX } from "./_settings.ts";
import type { Rng } from "../../rng.ts";

/** sklearn's FEATURE_THRESHOLD: values closer than this are treated as equal. */
const FEATURE_THRESHOLD = 1e-7;

/** Resolved growth settings. */
export interface CartSettings {
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  /** Non-constant features to examine per split (all when ≥ the number of features). */
  readonly maxFeatures: number;
  /** Draws the feature order; required when maxFeatures < the number of features. */
  readonly rng?: Rng;
}

/** A grown tree in flat arrays; `left[i] = -1` marks a leaf. */
export interface TreeArrays {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  /** Rows (with repeats) that reached each node. */
  readonly nSamples: Int32Array;
  /** Per feature: Σ over its splits of n·impurity − n_L·impurity_L − n_R·impurity_R, divided by the root's n. */
  readonly importance: Float64Array;
  readonly depth: number;
}

/** Row indices sorted by each column of `x` (ascending); computed once per fit. */
export function presortColumns(x: DenseMatrix): Int32Array[] {
  const { rows: n, cols: p, data } = x;
  return Array.from({ length: p }, (_, f) => {
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) vals[i] = data[i * p + f] as number;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => (vals[a] as number) - (vals[b] as number));
  });
}

/**
 * The node samples as slots 0…m−1 (one per sampled row, repeats allowed), each feature's slots
 * in that feature's sorted order (from {@link presortColumns}, so nothing is sorted here).
 */
interface Slots {
  /** The data row of each slot. */
  readonly row: Int32Array;
  /** The response of each slot. */
  readonly y: Float64Array;
  /** Per feature, the slots sorted by it; a node owns one segment [start, end) of each. */
  readonly order: Int32Array[];
}

function slotsOf(
  x: DenseMatrix,
  y: Float64Array,
  samples: Int32Array,
  presorted: readonly Int32Array[],
): Slots {
  const m = samples.length;
  const slotRow = samples;
  const slotY = new Float64Array(m);
  for (let s = 0; s < m; s++) slotY[s] = y[slotRow[s] as number] as number;
  const rowStart = new Int32Array(x.rows + 1);
  for (let s = 0; s < m; s++) {
    const r = (slotRow[s] as number) + 1;
    rowStart[r] = (rowStart[r] as number) + 1;
  }
  for (let r = 0; r < x.rows; r++) {
    rowStart[r + 1] = (rowStart[r + 1] as number) + (rowStart[r] as number);
  }
  const fill = rowStart.slice(0, x.rows), slotsOfRow = new Int32Array(m);
  for (let s = 0; s < m; s++) {
    const r = slotRow[s] as number, q = fill[r] as number;
    slotsOfRow[q] = s;
    fill[r] = q + 1;
  }
  const order = presorted.map((rows) => {
    const o = new Int32Array(m);
    let k = 0;
    for (const r of rows) {
      for (let q = rowStart[r] as number; q < (rowStart[r + 1] as number); q++) {
        o[k++] = slotsOfRow[q] as number;
      }
    }
    return o;
  });
  return { row: slotRow, y: slotY, order };
}

/** The best split of a node: feature, threshold, and the position in that feature's order. */
interface Split {
  readonly feature: number;
  readonly threshold: number;
  readonly pos: number;
}

/**
 * The split of the node's segment [start, end) with the largest drop in squared error (the
 * largest Σ²left/nLeft + Σ²right/nRight), over `maxFeatures` non-constant features visited in
 * `featureOrder` (shuffled first when not all features are examined); undefined when none.
 */
function bestSplit(
  x: DenseMatrix,
  slots: Slots,
  start: number,
  end: number,
  total: number,
  featureOrder: Int32Array,
  settings: CartSettings,
): Split | undefined {
  const p = x.cols, data = x.data;
  const maxFeatures = Math.min(settings.maxFeatures, p), minSamplesLeaf = settings.minSamplesLeaf;
  let bestProxy = -Infinity, bestFeature = -1, bestThreshold = 0, bestPos = 0;
  // visit features in a random order until maxFeatures non-constant ones were examined
  if (maxFeatures < p) {
    const rng = settings.rng as Rng;
    for (let j = p - 1; j > 0; j--) {
      const k = rng.int(j + 1), t = featureOrder[j] as number;
      featureOrder[j] = featureOrder[k] as number;
      featureOrder[k] = t;
    }
  }
  let examined = 0;
  for (let fi = 0; fi < p && examined < maxFeatures; fi++) {
    const f = featureOrder[fi] as number, o = slots.order[f] as Int32Array;
    const xAt = (i: number) => data[(slots.row[o[i] as number] as number) * p + f] as number;
    if (xAt(end - 1) <= xAt(start) + FEATURE_THRESHOLD) continue;
    examined++;
    let sumLeft = 0, xPrev = xAt(start);
    for (let i = start + 1; i < end; i++) {
      sumLeft += slots.y[o[i - 1] as number] as number;
      const xCur = xAt(i);
      const before = xPrev;
      xPrev = xCur;
      if (xCur <= before + FEATURE_THRESHOLD) continue;
      const nLeft = i - start, nRight = end - i;
      if (nLeft < minSamplesLeaf || nRight < minSamplesLeaf) continue;
      const sumRight = total - sumLeft;
      const proxy = sumLeft * sumLeft / nLeft + sumRight * sumRight / nRight;
      if (proxy > bestProxy) {
        bestProxy = proxy;
        bestFeature = f;
        bestPos = i;
        let t = before / 2 + xCur / 2;
        if (t === xCur || !Number.isFinite(t)) t = before;
        bestThreshold = t;
      }
    }
  }
  return bestFeature < 0
    ? undefined
    : { feature: bestFeature, threshold: bestThreshold, pos: bestPos };
}

/**
 * Sends the first `split.pos − start` slots of the split feature's order left: partitions every
 * feature's segment stably so each child keeps its slots sorted. `goesLeft` and `buffer` are
 * scratch arrays of the slot count.
 */
function partition(
  slots: Slots,
  start: number,
  end: number,
  split: Split,
  goesLeft: Uint8Array,
  buffer: Int32Array,
): void {
  const ob = slots.order[split.feature] as Int32Array;
  for (let i = start; i < end; i++) goesLeft[ob[i] as number] = i < split.pos ? 1 : 0;
  for (const o of slots.order) {
    let l = start, r = 0;
    for (let i = start; i < end; i++) {
      const slot = o[i] as number;
      if (goesLeft[slot] === 1) o[l++] = slot;
      else buffer[r++] = slot;
    }
    o.set(buffer.subarray(0, r), l);
  }
}

/**
 * Grows a tree on the rows listed in `samples` (repeats allowed). `presorted` is
 * {@link presortColumns} of `x`. Each feature keeps the node's samples in its own sorted order,
 * and a split partitions every feature's segment stably, so nothing is re-sorted below the root.
 */
export function growTree(
  x: DenseMatrix,
  y: Float64Array,
  samples: Int32Array,
  presorted: readonly Int32Array[],
  settings: CartSettings,
): TreeArrays {
  const p = x.cols, m = samples.length;
  const feature: number[] = [], threshold: number[] = [], left: number[] = [], right: number[] = [];
  const value: number[] = [], nSamples: number[] = [];
  const importance = new Float64Array(p);
  const { maxDepth, minSamplesSplit, minSamplesLeaf } = settings;
  const featureOrder = Int32Array.from({ length: p }, (_, j) => j);
  let depthReached = 0;
  const slots = slotsOf(x, y, samples, presorted);
  const goesLeft = new Uint8Array(m);
  const buffer = new Int32Array(m);
  const o0 = slots.order[0] as Int32Array;
  const sse = (start: number, end: number, mean: number): number => {
    let ss = 0;
    for (let i = start; i < end; i++) ss += ((slots.y[o0[i] as number] as number) - mean) ** 2;
    return ss;
  };
  const sum = (start: number, end: number): number => {
    let s = 0;
    for (let i = start; i < end; i++) s += slots.y[o0[i] as number] as number;
    return s;
  };

  // stack of [start, end, depth, parentNode, isLeft]
  const stack: [number, number, number, number, boolean][] = [[0, m, 0, -1, false]];
  while (stack.length > 0) {
    const [start, end, depth, parent, isLeft] = stack.pop()!;
    const n = end - start;
    const total = sum(start, end);
    const mean = total / n;
    const nodeSse = sse(start, end, mean);
    const node = value.length;
    value.push(mean);
    nSamples.push(n);
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    if (parent >= 0) {
      (isLeft ? left : right)[parent] = node;
      // a split's impurity decrease: the parent's sse (added below) minus its children's
      const f = feature[parent] as number;
      importance[f] = (importance[f] as number) - nodeSse / m;
    }
    if (depth > depthReached) depthReached = depth;
    if (
      depth >= maxDepth || n < minSamplesSplit || n < 2 * minSamplesLeaf || nodeSse <= 0
    ) continue;
    const split = bestSplit(x, slots, start, end, total, featureOrder, settings);
    if (split === undefined) continue;
    partition(slots, start, end, split, goesLeft, buffer);
    feature[node] = split.feature;
    threshold[node] = split.threshold;
    importance[split.feature] = (importance[split.feature] as number) + nodeSse / m;
    // right pushed first so the left subtree is grown first (pre-order node ids)
    stack.push([split.pos, end, depth + 1, node, false]);
    stack.push([start, split.pos, depth + 1, node, true]);
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    nSamples: Int32Array.from(nSamples),
    importance,
    depth: depthReached,
  };
}

/**
 * `base + Σ weight · tree(x)` for every row of `x`, after checking `x` has the `nFeatures`
 * columns the trees were fitted on (an error says it cannot `action`).
 */
export function predictTrees(
  action: string,
  trees: readonly TreeArrays[],
  nFeatures: number,
  x: MatrixLike,
  base: number,
  weight: number,
): Float64Array {
  const m = resolveX(action, x, nFeatures);
  const out = new Float64Array(m.rows).fill(base);
  for (const t of trees) addTreePrediction(t, m, weight, out);
  return out;
}

/** Adds `weight ·` the tree's prediction for every row of `x` to `out`. */
export function addTreePrediction(
  tree: TreeArrays,
  x: DenseMatrix,
  weight: number,
  out: Float64Array,
): void {
  const p = x.cols, data = x.data;
  const { feature, threshold, left, right, value } = tree;
  for (let i = 0; i < x.rows; i++) {
    let node = 0;
    while ((left[node] as number) >= 0) {
      const f = feature[node] as number;
      node = (data[i * p + f] as number) <= (threshold[node] as number)
        ? left[node] as number
        : right[node] as number;
    }
    out[i] = (out[i] as number) + weight * (value[node] as number);
  }
}

/** A tree as plain JSON (number arrays). */
export interface TreeJson {
  /** Split feature per node (−1 at a leaf). */
  readonly feature: readonly number[];
  /** Split threshold per node: rows with x ≤ threshold go left. */
  readonly threshold: readonly number[];
  /** Left child per node (−1 at a leaf). */
  readonly left: readonly number[];
  /** Right child per node (−1 at a leaf). */
  readonly right: readonly number[];
  /** Mean response of the node's rows. */
  readonly value: readonly number[];
  /** Rows per node. */
  readonly nSamples: readonly number[];
  /** Impurity decrease per feature, summed over the tree's splits. */
  readonly importance: readonly number[];
  /** Depth of the deepest node. */
  readonly depth: number;
}

/** A tree's arrays as JSON; numbers round-trip exactly through `JSON.stringify`. */
export function treeToJSON(t: TreeArrays): TreeJson {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold),
    left: Array.from(t.left),
    right: Array.from(t.right),
    value: Array.from(t.value),
    nSamples: Array.from(t.nSamples),
    importance: Array.from(t.importance),
    depth: t.depth,
  };
}

/** Rebuilds a tree from {@link treeToJSON} output. */
export function treeFromJSON(j: TreeJson): TreeArrays {
  return {
    feature: Int32Array.from(j.feature),
    threshold: Float64Array.from(j.threshold),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    value: Float64Array.from(j.value),
    nSamples: Int32Array.from(j.nSamples),
    importance: Float64Array.from(j.importance),
    depth: j.depth,
  };
}
