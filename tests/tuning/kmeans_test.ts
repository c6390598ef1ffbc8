import { chooseClusterCount, kmeans } from "mixlab/tuning";
import assert from "node:assert/strict";

Deno.test("kmeans() finds three separated groups and their centres", () => {
  // three groups of four points around (0,0), (10,0), (0,10), offsets ±1 on one axis
  const pts: number[] = [];
  for (const [cx, cy] of [[0, 0], [10, 0], [0, 10]]) {
    pts.push(cx! + 1, cy!, cx! - 1, cy!, cx!, cy! + 1, cx!, cy! - 1);
  }
  const { labels, centers, wss } = kmeans(Float64Array.from(pts), { dim: 2, k: 3, seed: 4 });
  for (let g = 0; g < 3; g++) {
    const l = labels[4 * g];
    for (let i = 1; i < 4; i++) assert.equal(labels[4 * g + i], l);
  }
  // each point is at distance 1 from its centre: WSS = 12
  assert.ok(Math.abs(wss - 12) < 1e-12);
  const c = Array.from(centers).map((x) => Math.round(x * 1e9) / 1e9);
  const pairs = [[c[0], c[1]], [c[2], c[3]], [c[4], c[5]]].map((p) => p.join(",")).sort();
  assert.deepEqual(pairs, ["0,0", "0,10", "10,0"]);
});

Deno.test("chooseClusterCount() keeps k within its bounds", () => {
  assert.equal(chooseClusterCount([1, 0.99, 0.98, 0.97], { kMin: 3, kMax: 4 }), 3);
  assert.equal(chooseClusterCount([1, 0.8, 0.6, 0.4, 0.2], { kMin: 1, kMax: 4 }), 4);
});
