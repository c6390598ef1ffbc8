/**
 * Checks the input of `defineDag`: nodes named once with a known role, edges between declared
 * nodes and no self-loops (cycles are found once the graph is built).
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { DagEdge, DagInput, NodeRole } from "./dag.ts";

/** Validates nodes (roles among `roles`) and edges; returns the edges without duplicates, in order. */
export function validateDagInput(input: DagInput, roles: readonly NodeRole[]): DagEdge[] {
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
    if (!roles.includes(n.role)) {
      throw new ConfigError(`Cannot define graph: node "${n.name}" has unknown role "${n.role}"`, {
        key: `nodes.${i}.role`,
        hint: `use one of ${roles.map((r) => `"${r}"`).join(", ")}`,
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
  return [...pairs].map((p) => p.split("\u0000") as unknown as DagEdge);
}
