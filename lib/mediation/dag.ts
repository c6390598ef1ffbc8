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
import { dSeparated, firstSubset, reach, topologicalIds } from "./_graph.ts";
import { badControls } from "./_bad_controls.ts";
import { validateDagInput } from "./_validate_dag.ts";

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
 * import { defineDag } from "mixlab/mediation";
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
    return this.#names(reach([this.#id(name, "list ancestors")], this.#parents));
  }

  /** The proper descendants of a node (not the node itself), in node order. */
  descendants(name: string): string[] {
    return this.#names(reach([this.#id(name, "list descendants")], this.#children));
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
   * import { defineDag } from "mixlab/mediation";
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
    const desc = reach([xi], this.#children);
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
   * import { defineDag } from "mixlab/mediation";
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
    const desc = reach([xi], this.#children);
    const relevant = reach([xi, yi], this.#parents);
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
   * import { defineDag } from "mixlab/mediation";
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
    const graph = {
      nodes: this.nodes,
      index: this.#index,
      parents: this.#parents,
      children: this.#children,
    };
    return badControls(graph, { x, y, xi, yi, effect }, regressors, () => this.adjustmentSet(x, y));
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
 * import { defineDag } from "mixlab/mediation";
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
  const edges = validateDagInput(input, NODE_ROLES);
  const dag = new CausalDag({ nodes: input.nodes, edges });
  if (dag.topologicalOrder().length !== dag.nodes.length) {
    throw new ConfigError("Cannot define graph: the edges contain a cycle", {
      key: "edges",
      hint: "a causal graph must be acyclic; remove an edge of the cycle",
    });
  }
  return dag;
}
