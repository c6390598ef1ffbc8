/**
 * Graph algorithms on a DAG given as parent lists (node ids 0…n−1): reachability, topological
 * order, d-separation, and the first subset of nodes that passes a test.
 *
 * @module
 */

/** The nodes reachable from `start` along `next` (children or parents), `start` excluded. */
export function reach(start: Iterable<number>, next: readonly (readonly number[])[]): Set<number> {
  const seen = new Set<number>();
  const stack = [...start];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    for (const w of next[v] as readonly number[]) {
      if (!seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return seen;
}

/** Kahn's algorithm; returns fewer ids than nodes when there is a cycle. */
export function topologicalIds(parents: readonly (readonly number[])[]): number[] {
  const n = parents.length;
  const indegree = parents.map((p) => p.length);
  const children: number[][] = parents.map(() => []);
  parents.forEach((ps, v) => ps.forEach((p) => (children[p] as number[]).push(v)));
  const order: number[] = [];
  const ready: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) ready.push(v);
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const v = ready.shift() as number;
    order.push(v);
    for (const w of children[v] as number[]) {
      indegree[w] = (indegree[w] as number) - 1;
      if (indegree[w] === 0) ready.push(w);
    }
  }
  return order;
}

/**
 * d-separation of x and y given z by the moralised ancestral graph; when `cut` ≥ 0 the edges
 * out of node `cut` are removed first (the back-door graph).
 */
export function dSeparated(
  parents: readonly (readonly number[])[],
  x: number,
  y: number,
  z: ReadonlySet<number>,
  cut: number,
): boolean {
  const pa = (v: number): readonly number[] =>
    (parents[v] as readonly number[]).filter((p) => p !== cut);
  const keep = new Set<number>([x, y, ...z]);
  const stack = [...keep];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    for (const p of pa(v)) {
      if (!keep.has(p)) {
        keep.add(p);
        stack.push(p);
      }
    }
  }
  const adj = new Map<number, Set<number>>();
  const link = (a: number, b: number) => {
    if (!adj.has(a)) adj.set(a, new Set());
    if (!adj.has(b)) adj.set(b, new Set());
    (adj.get(a) as Set<number>).add(b);
    (adj.get(b) as Set<number>).add(a);
  };
  for (const v of keep) {
    const ps = pa(v);
    for (let i = 0; i < ps.length; i++) {
      link(v, ps[i] as number);
      for (let j = i + 1; j < ps.length; j++) link(ps[i] as number, ps[j] as number);
    }
  }
  if (z.has(x) || z.has(y)) return true;
  const seen = new Set<number>([x]);
  const queue = [x];
  while (queue.length > 0) {
    const v = queue.pop() as number;
    if (v === y) return false;
    for (const w of adj.get(v) ?? []) {
      if (!seen.has(w) && !z.has(w)) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  return true;
}

/** The first subset of `items` of the given size (lexicographic order) that passes `test`. */
export function firstSubset(
  items: readonly number[],
  size: number,
  test: (subset: readonly number[]) => boolean,
): number[] | undefined {
  const pick: number[] = [];
  const go = (start: number): number[] | undefined => {
    if (pick.length === size) return test(pick) ? [...pick] : undefined;
    for (let i = start; i <= items.length - (size - pick.length); i++) {
      pick.push(items[i] as number);
      const found = go(i + 1);
      pick.pop();
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return go(0);
}
