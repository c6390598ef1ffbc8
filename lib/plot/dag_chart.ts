/**
 * Drawing a causal DAG as SVG: a layered layout where a node's layer is the length of the
 * longest directed path into it, so every arrow points rightwards.
 *
 * The chart reads a {@link DagGraph}: the part of mediation's `CausalDag` it draws, so plot does
 * not depend on mediation (the DAG shows itself through {@link renderDag}).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/** What the DAG chart reads of a graph (mediation's `CausalDag` is one). */
export interface DagGraph {
  /** The nodes: name, role (`channel`, `mediator`, `control`, `confounder`, `outcome`), latent. */
  readonly nodes: readonly {
    readonly name: string;
    readonly role: string;
    readonly latent?: boolean;
  }[];
  /** The directed edges `[from, to]`. */
  readonly edges: readonly (readonly [string, string])[];
  /** Node names, every parent before its children. */
  topologicalOrder(): readonly string[];
  /** The parents of a node. */
  parents(name: string): readonly string[];
}

/** Where a node is drawn. */
export interface DagNodePosition {
  /** Node name. */
  readonly name: string;
  /** The node's role. */
  readonly role: string;
  /** Layer: longest directed path from a source to the node. */
  readonly layer: number;
  /** Position within the layer, centred on 0. */
  readonly slot: number;
}

const ROLE_COLORS: Readonly<Record<string, string>> = {
  channel: PALETTE[0] as string,
  mediator: PALETTE[1] as string,
  control: PALETTE[2] as string,
  confounder: PALETTE[3] as string,
  outcome: PALETTE[5] as string,
};

/**
 * The layered layout of a DAG: layer by longest incoming path, slots in topological order.
 *
 * @example Chain layout
 * ```ts
 * import { defineDag } from "mixlab/mediation";
 * import { dagLayout } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const dag = defineDag({
 *   nodes: [{ name: "a", role: "channel" }, { name: "b", role: "mediator" }, { name: "y", role: "outcome" }],
 *   edges: [["a", "b"], ["b", "y"], ["a", "y"]],
 * });
 * assert.deepEqual(dagLayout(dag).map((p) => p.layer), [0, 1, 2]);
 * ```
 */
export function dagLayout(dag: DagGraph): DagNodePosition[] {
  const order = dag.topologicalOrder();
  const layer = new Map<string, number>();
  for (const name of order) {
    let l = 0;
    for (const p of dag.parents(name)) l = Math.max(l, (layer.get(p) as number) + 1);
    layer.set(name, l);
  }
  const counts = new Map<number, number>();
  for (const l of layer.values()) counts.set(l, (counts.get(l) ?? 0) + 1);
  const used = new Map<number, number>();
  const slotOf = new Map<string, number>();
  for (const name of order) {
    const l = layer.get(name) as number;
    const k = used.get(l) ?? 0;
    used.set(l, k + 1);
    slotOf.set(name, k - ((counts.get(l) as number) - 1) / 2);
  }
  return dag.nodes.map((n) => ({
    name: n.name,
    role: n.role,
    layer: layer.get(n.name) as number,
    slot: slotOf.get(n.name) as number,
  }));
}

/**
 * Renders a DAG to a {@link Chart}: arrows for edges, coloured dots by role, escaped labels.
 *
 * @example A three-node graph as SVG
 * ```ts
 * import { defineDag } from "mixlab/mediation";
 * import { renderDag } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const dag = defineDag({
 *   nodes: [{ name: "social", role: "channel" }, { name: "search", role: "mediator" }, { name: "sales", role: "outcome" }],
 *   edges: [["social", "search"], ["search", "sales"], ["social", "sales"]],
 * });
 * const svg = renderDag(dag).html;
 * assert.ok(svg.startsWith("<svg") && svg.includes("search"));
 * ```
 */
export function renderDag(dag: DagGraph): Chart {
  const positions = dagLayout(dag);
  const at = new Map(positions.map((p) => [p.name, p]));
  const edges = dag.edges.map(([from, to]) => {
    const a = at.get(from) as DagNodePosition, b = at.get(to) as DagNodePosition;
    return { x1: a.layer, y1: a.slot, x2: b.layer, y2: b.slot };
  });
  const nodes = positions.map((p) => ({
    x: p.layer,
    y: p.slot,
    label: dag.nodes.find((n) => n.name === p.name)?.latent === true ? `(${p.name})` : p.name,
    role: p.role,
  }));
  const layers = Math.max(0, ...positions.map((p) => p.layer));
  const span = Math.max(0.5, ...positions.map((p) => Math.abs(p.slot)));
  return renderChart({
    x: { axis: null, domain: [-0.5, layers + 0.5] },
    y: { axis: null, domain: [-span - 0.5, span + 0.5] },
    color: {
      type: "categorical",
      domain: Object.keys(ROLE_COLORS),
      range: Object.values(ROLE_COLORS),
      legend: false,
    },
    marks: [
      Plot.arrow(edges, {
        x1: "x1",
        y1: "y1",
        x2: "x2",
        y2: "y2",
        inset: 18,
        stroke: "#555",
        strokeWidth: 1.5,
      }),
      Plot.dot(nodes, { x: "x", y: "y", r: 14, fill: "role", fillOpacity: 0.85 }),
      Plot.text(nodes, { x: "x", y: "y", text: "label", dy: -22, fontSize: 12 }),
      Plot.text(nodes, { x: "x", y: "y", text: "role", dy: 26, fontSize: 10, fill: "#666" }),
    ],
  });
}
