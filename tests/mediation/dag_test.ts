import assert from "node:assert/strict";
import { ConfigError } from "mixlab";
import { type DagNode, defineDag } from "mixlab/mediation";

// Textbook graphs (Pearl 2009 §3.3; Cinelli, Forney & Pearl 2022, "A crash course in good and
// bad controls"). The expected adjustment sets are derived by hand in the comments.

const n = (name: string, role: DagNode["role"], latent = false): DagNode =>
  latent ? { name, role, latent } : { name, role };

Deno.test("adjustmentSet() finds the confounder (Z→X, Z→Y, X→Y)", () => {
  // Back-door path X←Z→Y is open; Z is its only non-collider, not a descendant of X → {Z}.
  // Parents of X = {Z}.
  const dag = defineDag({
    nodes: [n("z", "confounder"), n("x", "channel"), n("y", "outcome")],
    edges: [["z", "x"], ["z", "y"], ["x", "y"]],
  });
  assert.deepEqual(dag.adjustmentSet("x", "y"), ["z"]);
  assert.deepEqual(dag.adjustmentSet("x", "y", { kind: "parents" }), ["z"]);
  assert.equal(dag.satisfiesBackdoor("x", "y", []), false);
  assert.equal(dag.satisfiesBackdoor("x", "y", ["z"]), true);
  const open = dag.checkRegressors("x", "y", []);
  assert.deepEqual(open.map((d) => d.code), ["open-backdoor"]);
  assert.match(open[0]?.message ?? "", /adjust for "z"/);
  assert.deepEqual(dag.checkRegressors("x", "y", ["z"]), []);
});

Deno.test("checkRegressors() flags a mediator for the total effect only (X→M→Y, X→Y)", () => {
  // No arrow enters X, so there is no back-door path: minimal set ∅, parents ∅.
  // M is a descendant of X and an ancestor of Y: a mediator, bad for the total effect,
  // required for the direct effect.
  const dag = defineDag({
    nodes: [n("x", "channel"), n("m", "mediator"), n("y", "outcome")],
    edges: [["x", "m"], ["m", "y"], ["x", "y"]],
  });
  assert.deepEqual(dag.adjustmentSet("x", "y"), []);
  assert.deepEqual(dag.adjustmentSet("x", "y", { kind: "parents" }), []);
  assert.equal(dag.satisfiesBackdoor("x", "y", ["m"]), false); // M is a descendant of X
  assert.deepEqual(dag.checkRegressors("x", "y", ["m"]).map((d) => d.code), [
    "bad-control-mediator",
  ]);
  assert.deepEqual(dag.checkRegressors("x", "y", ["m"], { effect: "direct" }), []);
  // Chain without the direct edge: X ⊥ Y | M, but not marginally.
  const chain = defineDag({
    nodes: [n("x", "channel"), n("m", "mediator"), n("y", "outcome")],
    edges: [["x", "m"], ["m", "y"]],
  });
  assert.equal(chain.isDSeparated("x", "y", ["m"]), true);
  assert.equal(chain.isDSeparated("x", "y"), false);
});

Deno.test("checkRegressors() flags a collider and its descendant (X→C←Y)", () => {
  // C is caused by both X and Y; conditioning on C (or its descendant D) biases X's effect.
  const dag = defineDag({
    nodes: [n("x", "channel"), n("y", "outcome"), n("c", "control"), n("d", "control")],
    edges: [["x", "c"], ["y", "c"], ["c", "d"], ["x", "y"]],
  });
  assert.deepEqual(dag.adjustmentSet("x", "y"), []);
  assert.deepEqual(dag.checkRegressors("x", "y", ["c"]).map((d) => d.code), [
    "bad-control-collider",
  ]);
  assert.deepEqual(dag.checkRegressors("x", "y", ["d"]).map((d) => d.code), [
    "bad-control-collider",
  ]);
  // Without the X→Y edge: X ⊥ Y marginally; conditioning on C or D connects them.
  const pure = defineDag({
    nodes: [n("x", "channel"), n("y", "outcome"), n("c", "control"), n("d", "control")],
    edges: [["x", "c"], ["y", "c"], ["c", "d"]],
  });
  assert.equal(pure.isDSeparated("x", "y"), true);
  assert.equal(pure.isDSeparated("x", "y", ["c"]), false);
  assert.equal(pure.isDSeparated("x", "y", ["d"]), false);
});

Deno.test("adjustmentSet() and checkRegressors() handle M-bias", () => {
  // X←U1→M←U2→Y, X→Y. The only back-door path X←U1→M←U2→Y is blocked at the collider M, so
  // the minimal set is ∅. Adjusting for M opens it (bad control); adding U1 (or U2) closes it
  // again. Parents of X = {U1}: valid when U1 is observed, unusable when latent.
  const edges = [["u1", "x"], ["u1", "m"], ["u2", "m"], ["u2", "y"], ["x", "y"]] as const;
  const latent = defineDag({
    nodes: [
      n("u1", "confounder", true),
      n("u2", "confounder", true),
      n("m", "control"),
      n("x", "channel"),
      n("y", "outcome"),
    ],
    edges,
  });
  assert.deepEqual(latent.adjustmentSet("x", "y"), []);
  assert.equal(latent.adjustmentSet("x", "y", { kind: "parents" }), undefined);
  assert.equal(latent.satisfiesBackdoor("x", "y", ["m"]), false);
  const bad = latent.checkRegressors("x", "y", ["m"]);
  assert.deepEqual(bad.map((d) => d.code), ["bad-control-collider"]);
  assert.equal(bad[0]?.subject, "m");

  const observed = defineDag({
    nodes: [
      n("u1", "confounder"),
      n("u2", "confounder"),
      n("m", "control"),
      n("x", "channel"),
      n("y", "outcome"),
    ],
    edges,
  });
  assert.deepEqual(observed.adjustmentSet("x", "y", { kind: "parents" }), ["u1"]);
  assert.equal(observed.satisfiesBackdoor("x", "y", ["m", "u1"]), true);
  assert.deepEqual(observed.checkRegressors("x", "y", ["m", "u1"]), []);
});

Deno.test("adjustmentSet() is undefined under a latent confounder", () => {
  // X←U→Y with U unmeasured: no observed set blocks the back-door path.
  const dag = defineDag({
    nodes: [n("u", "confounder", true), n("x", "channel"), n("y", "outcome")],
    edges: [["u", "x"], ["u", "y"], ["x", "y"]],
  });
  assert.equal(dag.adjustmentSet("x", "y"), undefined);
  const found = dag.checkRegressors("x", "y", []);
  assert.deepEqual(found.map((d) => d.code), ["open-backdoor"]);
  assert.match(found[0]?.message ?? "", /no set of observed nodes/);
});

Deno.test("adjustmentSet() on the social → search → revenue graph", () => {
  // season→{facebook,tiktok,google,revenue}; each social channel → google and → revenue;
  // google → revenue.
  // Facebook's total effect: back-door path facebook←season→revenue (and →google→revenue) →
  //   minimal {season}; the other social channels are not confounders (no arrow into facebook
  //   from them).
  // Google's effect: back-door paths google←facebook→revenue, google←tiktok→revenue,
  //   google←snapchat→revenue, google←season→revenue → all four must be adjusted for.
  const dag = defineDag({
    nodes: [
      n("season", "confounder"),
      n("facebook", "channel"),
      n("tiktok", "channel"),
      n("snapchat", "channel"),
      n("google", "mediator"),
      n("revenue", "outcome"),
    ],
    edges: [
      ["season", "facebook"],
      ["season", "tiktok"],
      ["season", "google"],
      ["season", "revenue"],
      ["facebook", "google"],
      ["tiktok", "google"],
      ["snapchat", "google"],
      ["facebook", "revenue"],
      ["tiktok", "revenue"],
      ["snapchat", "revenue"],
      ["google", "revenue"],
    ],
  });
  assert.deepEqual(dag.adjustmentSet("facebook", "revenue"), ["season"]);
  assert.deepEqual(dag.adjustmentSet("snapchat", "revenue"), []);
  assert.deepEqual(dag.adjustmentSet("google", "revenue"), [
    "season",
    "facebook",
    "tiktok",
    "snapchat",
  ]);
  const codes = dag.checkRegressors("facebook", "revenue", ["season", "tiktok", "google"])
    .map((d) => `${d.code}:${d.subject}`);
  assert.deepEqual(codes, ["bad-control-mediator:google"]);
  assert.deepEqual(dag.topologicalOrder(), [
    "season",
    "facebook",
    "tiktok",
    "snapchat",
    "google",
    "revenue",
  ]);
});

Deno.test("defineDag() rejects cycles, unknown nodes, duplicates and unknown roles", () => {
  assert.throws(
    () =>
      defineDag({
        nodes: [n("a", "channel"), n("b", "channel")],
        edges: [["a", "b"], ["b", "a"]],
      }),
    (e: unknown) => e instanceof ConfigError && /cycle/.test(e.message),
  );
  assert.throws(
    () => defineDag({ nodes: [n("a", "channel")], edges: [["a", "zz"]] }),
    (e: unknown) => e instanceof ConfigError && e.key === "edges.0" && /"zz"/.test(e.message),
  );
  assert.throws(
    () => defineDag({ nodes: [n("a", "channel"), n("a", "outcome")], edges: [] }),
    ConfigError,
  );
  assert.throws(
    () => defineDag({ nodes: [{ name: "a", role: "media" as never }], edges: [] }),
    (e: unknown) => e instanceof ConfigError && /"channel"/.test(e.message),
  );
  const dag = defineDag({ nodes: [n("a", "channel"), n("y", "outcome")], edges: [["a", "y"]] });
  assert.throws(() => dag.adjustmentSet("a", "nope"), ConfigError);
  assert.deepEqual(defineDag(JSON.parse(JSON.stringify(dag))).toJSON(), dag.toJSON());
});

Deno.test("CausalDag renders an SVG with escaped names", () => {
  const dag = defineDag({
    nodes: [n("<b>fb</b>", "channel"), n("search & co", "mediator"), n("y", "outcome")],
    edges: [["<b>fb</b>", "search & co"], ["search & co", "y"], ["<b>fb</b>", "y"]],
  });
  const svg = dag.toSvg();
  assert.ok(svg.startsWith("<svg"));
  assert.ok(svg.includes("&lt;b&gt;fb&lt;/b&gt;"));
  assert.ok(!svg.includes("<b>"));
  assert.ok(svg.includes("search &amp; co"));
  assert.equal((svg.match(/<path/g) ?? []).length >= 3, true);
  const bundle = dag[Symbol.for("Jupyter.display") as never] as unknown as () => Record<
    string,
    string
  >;
  assert.ok(bundle.call(dag)["image/svg+xml"]?.startsWith("<svg"));
});
