/**
 * A small causal graph API: declare channels, mediators, controls, confounders and the outcome as
 * a directed acyclic graph, test d-separation, find back-door adjustment sets for a channel's
 * total effect, and flag "bad controls" among a model's regressors.
 *
 * Definitions (Pearl, "Causality", 2nd ed., 2009, §1.2.3 and §3.3.1):
 * - X and Y are d-separated by Z when every path between them is blocked by Z; tested here with
 *   the moralised ancestral graph (Lauritzen et al. 1990): keep the ancestors of X ∪ Y ∪ Z, marry
 *   parents of a common child, drop directions, delete Z; X ⊥ Y | Z iff X and Y are disconnected.
 * - Z satisfies the back-door criterion for (X, Y) when no node of Z is a descendant of X and Z
 *   d-separates X from Y in the graph with the edges out of X removed.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { Diagnostic } from "../types.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { renderDag } from "../plot/dag_chart.ts";

/** What a node stands for in a media mix model. */
export type NodeRole = "channel" | "mediator" | "control" | "confounder" | "outcome";

/** The roles a node may have, for validation messages. */
export const NODE_ROLES: readonly NodeRole[] = [
  "channel",
  "mediator",
  "control",
  "confounder",
  "outcome",
];

/** One node of a {@link CausalDag}. */
export interface DagNode {
  /** Node name: a channel, control or KPI name of the data, or a latent factor. */
  readonly name: string;
  /** What the node stands for. */
  readonly role: NodeRole;
  /** True when the variable is not measured, so it can never be adjusted for. @default false */
  readonly latent?: boolean;
}

/** A directed edge `[from, to]`: `from` causes `to`. */
export type DagEdge = readonly [from: string, to: string];

/** The input of {@link defineDag}. */
export interface DagInput {
  /** The nodes, in display order. */
  readonly nodes: readonly DagNode[];
  /** The directed edges. */
  readonly edges: readonly DagEdge[];
}

/** Options of {@link CausalDag.adjustmentSet}. */
export interface AdjustmentSetOptions {
  /**
   * `"minimal"`: a smallest set of observed non-descendants of X that satisfies the back-door
   * criterion (ties broken by node order). `"parents"`: the parents of X, valid whenever all of
   * them are observed.
   * @default "minimal"
   */
  readonly kind?: "minimal" | "parents";
}

/** Options of {@link CausalDag.checkRegressors}. */
export interface CheckRegressorsOptions {
  /**
   * The effect the regression should estimate: `"total"` (every regressor on a causal path from
   * X to Y is a bad control) or `"direct"` (mediators are wanted, to hold the indirect path fixed).
   * @default "total"
   */
  readonly effect?: "total" | "direct";
}

/**
 * A validated, frozen causal DAG. Build it with {@link defineDag}.
 *
 * @example Back-door set of a confounded channel
 * ```ts
 * import { defineDag } from "mixlab";
 * import assert from "node:assert/strict";
 * const dag = defineDag({
 *   nodes: [
 *     { name: "season", role: "confounder" },
 *     { name: "tv", role: "channel" },
 *     { name: "sales", role: "outcome" },
 *   ],
 *   edges: [["season", "tv"], ["season", "sales"], ["tv", "sales"]],
 * });
 * assert.deepEqual(dag.adjustmentSet("tv", "sales"), ["season"]);
 * ```
 */
export class CausalDag {
  /** The nodes, in declaration order. */
  readonly nodes: readonly DagNode[];
  /** The edges, in declaration order. */
  readonly edges: readonly DagEdge[];
  readonly #index: ReadonlyMap<string, number>;
  readonly #parents: readonly (readonly number[])[];
  readonly #children: readonly (readonly number[])[];

  /** Makes a DAG from validated input; prefer {@link defineDag}. */
  constructor(input: DagInput) {
    this.nodes = Object.freeze(input.nodes.map((n) => Object.freeze({ ...n })));
    this.edges = Object.freeze(input.edges.map((e) => Object.freeze([e[0], e[1]] as const)));
    const index = new Map<string, number>();
    this.nodes.forEach((n, i) => index.set(n.name, i));
    this.#index = index;
    const parents: number[][] = this.nodes.map(() => []);
    const children: number[][] = this.nodes.map(() => []);
    for (const [from, to] of this.edges) {
      const a = index.get(from) as number, b = index.get(to) as number;
      (parents[b] as number[]).push(a);
      (children[a] as number[]).push(b);
    }
    this.#parents = parents;
    this.#children = children;
  }

  #id(name: string, what: string): number {
    const i = this.#index.get(name);
    if (i === undefined) {
      throw new ConfigError(`Cannot ${what}: node "${name}" is not in the graph`, {
        key: name,
        hint: `use one of ${this.nodes.map((n) => `"${n.name}"`).join(", ")}`,
      });
    }
    return i;
  }

  #names(ids: Iterable<number>): string[] {
    return [...ids].sort((a, b) => a - b).map((i) => (this.nodes[i] as DagNode).name);
  }

  #reach(start: Iterable<number>, next: readonly (readonly number[])[]): Set<number> {
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

  /** The parents of a node, in node order. */
  parents(name: string): string[] {
    return this.#names(this.#parents[this.#id(name, "list parents")] as readonly number[]);
  }

  /** The children of a node, in node order. */
  children(name: string): string[] {
    return this.#names(this.#children[this.#id(name, "list children")] as readonly number[]);
  }

  /** The proper ancestors of a node (not the node itself), in node order. */
  ancestors(name: string): string[] {
    return this.#names(this.#reach([this.#id(name, "list ancestors")], this.#parents));
  }

  /** The proper descendants of a node (not the node itself), in node order. */
  descendants(name: string): string[] {
    return this.#names(this.#reach([this.#id(name, "list descendants")], this.#children));
  }

  /**
   * Node names sorted so every edge points forward (ties in declaration order); shorter than
   * `nodes` only for a cyclic input, which {@link defineDag} rejects.
   */
  topologicalOrder(): string[] {
    return topologicalIds(this.#parents).map((i) => (this.nodes[i] as DagNode).name);
  }

  /**
   * Whether `x` and `y` are d-separated given `given`.
   *
   * @example A collider blocks until it is conditioned on
   * ```ts
   * import { defineDag } from "mixlab";
   * import assert from "node:assert/strict";
   * const dag = defineDag({
   *   nodes: [{ name: "a", role: "channel" }, { name: "b", role: "channel" }, { name: "c", role: "outcome" }],
   *   edges: [["a", "c"], ["b", "c"]],
   * });
   * assert.equal(dag.isDSeparated("a", "b", []), true);
   * assert.equal(dag.isDSeparated("a", "b", ["c"]), false);
   * ```
   */
  isDSeparated(x: string, y: string, given: readonly string[] = []): boolean {
    const xi = this.#id(x, "test d-separation"), yi = this.#id(y, "test d-separation");
    const z = new Set(given.map((g) => this.#id(g, "test d-separation")));
    return dSeparated(this.#parents, xi, yi, z, -1);
  }

  /**
   * Whether `given` satisfies the back-door criterion for the effect of `x` on `y`: it holds no
   * descendant of `x` and blocks every path from `x` to `y` that starts with an arrow into `x`.
   */
  satisfiesBackdoor(x: string, y: string, given: readonly string[]): boolean {
    const xi = this.#id(x, "test the back-door criterion");
    const yi = this.#id(y, "test the back-door criterion");
    const z = new Set(given.map((g) => this.#id(g, "test the back-door criterion")));
    const desc = this.#reach([xi], this.#children);
    for (const v of z) if (desc.has(v) || v === xi) return false;
    return dSeparated(this.#parents, xi, yi, z, xi);
  }

  /**
   * A back-door adjustment set for the total effect of `x` on `y`, or `undefined` when no set of
   * observed nodes of that kind satisfies the criterion (a latent confounder blocks
   * identification by adjustment).
   *
   * @example M-bias: adjusting for the pre-treatment collider is wrong
   * ```ts
   * import { defineDag } from "mixlab";
   * import assert from "node:assert/strict";
   * const dag = defineDag({
   *   nodes: [
   *     { name: "u1", role: "confounder", latent: true },
   *     { name: "u2", role: "confounder", latent: true },
   *     { name: "m", role: "control" },
   *     { name: "tv", role: "channel" },
   *     { name: "sales", role: "outcome" },
   *   ],
   *   edges: [["u1", "tv"], ["u1", "m"], ["u2", "m"], ["u2", "sales"], ["tv", "sales"]],
   * });
   * assert.deepEqual(dag.adjustmentSet("tv", "sales"), []);
   * assert.equal(dag.satisfiesBackdoor("tv", "sales", ["m"]), false);
   * ```
   */
  adjustmentSet(
    x: string,
    y: string,
    options: AdjustmentSetOptions = {},
  ): string[] | undefined {
    const kind = options.kind ?? "minimal";
    if (kind !== "minimal" && kind !== "parents") {
      throw new RangeError(
        `Cannot find an adjustment set: kind must be "minimal" or "parents", got "${kind}"`,
      );
    }
    const xi = this.#id(x, "find an adjustment set"), yi = this.#id(y, "find an adjustment set");
    if (xi === yi) {
      throw new RangeError(`Cannot find an adjustment set: treatment and outcome are both "${x}"`);
    }
    if (kind === "parents") {
      const pa = this.#parents[xi] as readonly number[];
      if (pa.some((p) => (this.nodes[p] as DagNode).latent === true)) return undefined;
      const z = new Set(pa);
      return dSeparated(this.#parents, xi, yi, z, xi) ? this.#names(z) : undefined;
    }
    const desc = this.#reach([xi], this.#children);
    const relevant = this.#reach([xi, yi], this.#parents);
    const candidates: number[] = [];
    for (let i = 0; i < this.nodes.length; i++) {
      if (i === xi || i === yi || desc.has(i) || !relevant.has(i)) continue;
      if ((this.nodes[i] as DagNode).latent === true) continue;
      candidates.push(i);
    }
    for (let size = 0; size <= candidates.length; size++) {
      const found = firstSubset(
        candidates,
        size,
        (z) => dSeparated(this.#parents, xi, yi, new Set(z), xi),
      );
      if (found !== undefined) return this.#names(found);
    }
    return undefined;
  }

  /**
   * Checks a model's regressors for the effect of `x` on `y` and returns warnings for bad
   * controls: a mediator of x → y (for the total effect), another descendant of `x` (a collider
   * of x and y, or a post-treatment variable), or a pre-treatment node whose inclusion opens a
   * back-door path (a collider, or descendant of one, as in M-bias). Also warns when the
   * regressors leave a back-door path open, and names a set that closes it. For the direct
   * effect, paths are judged with the edges out of `x` removed, so confounding between a
   * mediator and `y` is not detected.
   *
   * @example Search spend is a bad control for social's total effect
   * ```ts
   * import { defineDag } from "mixlab";
   * import assert from "node:assert/strict";
   * const dag = defineDag({
   *   nodes: [
   *     { name: "facebook", role: "channel" },
   *     { name: "search", role: "mediator" },
   *     { name: "revenue", role: "outcome" },
   *   ],
   *   edges: [["facebook", "search"], ["search", "revenue"], ["facebook", "revenue"]],
   * });
   * const found = dag.checkRegressors("facebook", "revenue", ["search"]);
   * assert.equal(found[0]?.code, "bad-control-mediator");
   * assert.equal(dag.checkRegressors("facebook", "revenue", ["search"], { effect: "direct" }).length, 0);
   * ```
   */
  checkRegressors(
    x: string,
    y: string,
    regressors: readonly string[],
    options: CheckRegressorsOptions = {},
  ): Diagnostic[] {
    const effect = options.effect ?? "total";
    if (effect !== "total" && effect !== "direct") {
      throw new RangeError(
        `Cannot check regressors: effect must be "total" or "direct", got "${effect}"`,
      );
    }
    const xi = this.#id(x, "check regressors"), yi = this.#id(y, "check regressors");
    const desc = this.#reach([xi], this.#children);
    const ancY = this.#reach([yi], this.#parents);
    const descY = this.#reach([yi], this.#children);
    const out: Diagnostic[] = [];
    const z = new Set<number>();
    const seen = new Set<string>();
    for (const r of regressors) {
      if (r === x || seen.has(r)) continue;
      seen.add(r);
      const ri = this.#index.get(r);
      if (ri === undefined) {
        out.push({
          level: "info",
          code: "not-in-dag",
          message: `Regressor "${r}" is not in the causal graph, so it was not checked`,
          subject: r,
        });
        continue;
      }
      if (ri === yi) continue;
      if (desc.has(ri)) {
        const mediates = ancY.has(ri);
        if (mediates && effect === "direct") {
          z.add(ri);
          continue;
        }
        const code = mediates
          ? "bad-control-mediator"
          : descY.has(ri)
          ? "bad-control-collider"
          : "bad-control-descendant";
        const why = mediates
          ? `it lies on a causal path from "${x}" to "${y}", so controlling for it removes part of the effect`
          : descY.has(ri)
          ? `it is caused by both "${x}" and "${y}", so controlling for it biases the estimate`
          : `it is caused by "${x}", so controlling for it can bias the estimate`;
        out.push({
          level: "warning",
          code,
          message: `Regressor "${r}" is a bad control for the ${effect} effect of "${x}": ${why}`,
          subject: r,
        });
        continue;
      }
      z.add(ri);
    }
    // A pre-treatment regressor is a collider-type bad control when the remaining regressors
    // satisfy the back-door criterion without it and fail with it.
    for (const ri of [...z]) {
      const without = new Set(z);
      without.delete(ri);
      const opens = !dSeparated(this.#parents, xi, yi, z, xi) &&
        dSeparated(this.#parents, xi, yi, without, xi);
      if (opens) {
        const r = (this.nodes[ri] as DagNode).name;
        out.push({
          level: "warning",
          code: "bad-control-collider",
          message:
            `Regressor "${r}" is a bad control for the ${effect} effect of "${x}": it is a collider (or a descendant of one) and controlling for it opens a non-causal path to "${y}"`,
          subject: r,
        });
        z.delete(ri);
      }
    }
    if (!dSeparated(this.#parents, xi, yi, z, xi)) {
      const suggestion = this.adjustmentSet(x, y);
      out.push({
        level: "warning",
        code: "open-backdoor",
        message: suggestion === undefined
          ? `The regressors leave a back-door path from "${x}" to "${y}" open, and no set of observed nodes closes it`
          : `The regressors leave a back-door path from "${x}" to "${y}" open; adjust for ${
            suggestion.length === 0 ? "nothing else" : suggestion.map((s) => `"${s}"`).join(", ")
          }`,
        subject: x,
      });
    }
    return out;
  }

  /** A plain JSON form that {@link defineDag} accepts back. */
  toJSON(): DagInput {
    return {
      nodes: this.nodes.map((n) => ({ ...n })),
      edges: this.edges.map((e) => [e[0], e[1]] as const),
    };
  }

  /** The graph drawn as SVG, layered by topological rank. */
  toSvg(): string {
    return renderDag(this).html;
  }

  /** Shows the graph as SVG in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const svg = this.toSvg();
    return {
      "image/svg+xml": svg,
      "text/html": svg,
      "text/plain": this.edges.map(([a, b]) => `${a} -> ${b}`).join("\n"),
    };
  }

  /** `"CausalDag"`. */
  get [Symbol.toStringTag](): string {
    return "CausalDag";
  }
}

/**
 * Validates nodes and edges and returns a frozen {@link CausalDag}.
 *
 * @throws {ConfigError} on a duplicate node, an unknown role, an edge to an unknown node, a
 * self-loop or a cycle.
 *
 * @example A mediation graph
 * ```ts
 * import { defineDag } from "mixlab";
 * import assert from "node:assert/strict";
 * const dag = defineDag({
 *   nodes: [
 *     { name: "tiktok", role: "channel" },
 *     { name: "google", role: "mediator" },
 *     { name: "revenue", role: "outcome" },
 *   ],
 *   edges: [["tiktok", "google"], ["google", "revenue"], ["tiktok", "revenue"]],
 * });
 * assert.deepEqual(dag.descendants("tiktok"), ["google", "revenue"]);
 * ```
 */
export function defineDag(input: DagInput): CausalDag {
  if (typeof input !== "object" || input === null || !Array.isArray(input.nodes)) {
    throw new TypeError(
      "Cannot define graph: input must have a `nodes` array and an `edges` array",
    );
  }
  if (!Array.isArray(input.edges)) {
    throw new TypeError("Cannot define graph: `edges` must be an array of [from, to] pairs");
  }
  const names = new Set<string>();
  input.nodes.forEach((n, i) => {
    if (typeof n?.name !== "string" || n.name === "") {
      throw new ConfigError(`Cannot define graph: node ${i} has no name`, { key: `nodes.${i}` });
    }
    if (names.has(n.name)) {
      throw new ConfigError(`Cannot define graph: node "${n.name}" is declared twice`, {
        key: `nodes.${i}`,
      });
    }
    if (!NODE_ROLES.includes(n.role)) {
      throw new ConfigError(`Cannot define graph: node "${n.name}" has unknown role "${n.role}"`, {
        key: `nodes.${i}.role`,
        hint: `use one of ${NODE_ROLES.map((r) => `"${r}"`).join(", ")}`,
      });
    }
    names.add(n.name);
  });
  const pairs = new Set<string>();
  input.edges.forEach((e, i) => {
    if (!Array.isArray(e) || e.length !== 2) {
      throw new TypeError(`Cannot define graph: edge ${i} must be a [from, to] pair`);
    }
    for (const end of e) {
      if (!names.has(end)) {
        throw new ConfigError(`Cannot define graph: edge ${i} names unknown node "${end}"`, {
          key: `edges.${i}`,
          hint: "declare the node in `nodes` first",
        });
      }
    }
    if (e[0] === e[1]) {
      throw new ConfigError(`Cannot define graph: edge ${i} is a self-loop on "${e[0]}"`, {
        key: `edges.${i}`,
      });
    }
    pairs.add(`${e[0]}\u0000${e[1]}`);
  });
  const dag = new CausalDag({
    nodes: input.nodes,
    edges: [...pairs].map((p) => p.split("\u0000") as unknown as DagEdge),
  });
  if (dag.topologicalOrder().length !== dag.nodes.length) {
    throw new ConfigError("Cannot define graph: the edges contain a cycle", {
      key: "edges",
      hint: "a causal graph must be acyclic; remove an edge of the cycle",
    });
  }
  return dag;
}

/** Kahn's algorithm; returns fewer ids than nodes when there is a cycle. */
function topologicalIds(parents: readonly (readonly number[])[]): number[] {
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
function dSeparated(
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
function firstSubset(
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
