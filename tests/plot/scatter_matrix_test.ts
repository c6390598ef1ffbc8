/**
 * The scatter matrix (pair plot) read back from its SVG: every off-diagonal panel holds one dot
 * per week at the pair's min–max scaled values (scaled here by hand), the diagonal names the
 * column, and names are text.
 */
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { plotScatterMatrix } from "mixlab/plot";
import type { MmmData } from "mixlab";

const evil = "<b>tv</b>";
const data: MmmData = {
  dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"],
  kpiKind: "revenue",
  kpi: { name: "sales", values: new Float64Array([5, 6, 9, 7]) },
  channels: [
    { name: evil, spend: new Float64Array([1, 2, 6, 3]) },
    { name: "radio", spend: new Float64Array([4, 4, 4, 4]) },
  ],
  controls: [{ name: "price", values: new Float64Array([10, 12, 11, 14]) }],
};

/** A panel's frame and dots in the SVG's own coordinates (the facet's translate added). */
interface Panel {
  readonly frame: { x: number; y: number; width: number; height: number };
  readonly dots: { cx: number; cy: number }[];
}

function translate(g: Element): [number, number] {
  const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(g.getAttribute("transform") ?? "");
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

function panels(html: string): Map<string, Panel> {
  const { document } = parseHTML(html);
  const frames = new Map<string, Panel["frame"]>();
  for (const r of document.querySelectorAll('[aria-label="frame"] rect')) {
    const [dx, dy] = translate(r);
    frames.set(`${dx},${dy}`, {
      x: Number(r.getAttribute("x")) + dx,
      y: Number(r.getAttribute("y")) + dy,
      width: Number(r.getAttribute("width")),
      height: Number(r.getAttribute("height")),
    });
  }
  const out = new Map<string, Panel>();
  for (const g of document.querySelectorAll('[aria-label="dot"] > g')) {
    const [dx, dy] = translate(g);
    const frame = frames.get(`${dx},${dy}`);
    assert.ok(frame, `a frame for the facet at ${dx},${dy}`);
    const dots = [...g.querySelectorAll("circle")].map((c) => ({
      cx: Number(c.getAttribute("cx")) + dx,
      cy: Number(c.getAttribute("cy")) + dy,
    }));
    out.set(`${dx},${dy}`, { frame, dots });
  }
  return out;
}

/** Min–max scaling by hand; a constant column sits in the middle. */
function scaled(v: number[]): number[] {
  const lo = Math.min(...v), hi = Math.max(...v);
  return v.map((x) => (hi > lo ? (x - lo) / (hi - lo) : 0.5));
}

Deno.test("plotScatterMatrix() puts each week of each pair at its scaled values", () => {
  const columns = ["sales", evil, "radio", "price"];
  const values: Record<string, number[]> = {
    sales: [5, 6, 9, 7],
    [evil]: [1, 2, 6, 3],
    radio: [4, 4, 4, 4],
    price: [10, 12, 11, 14],
  };
  const chart = plotScatterMatrix(data, { columns });
  const found = panels(chart.html);
  const k = columns.length;
  assert.equal(found.size, k * (k - 1), "one panel per ordered pair off the diagonal");
  // each panel's dots, in the panel's frame, are one of the ordered pairs (x column, y column)
  const expected = columns.flatMap((x) =>
    columns.filter((y) => y !== x).map((y) => {
      const sx = scaled(values[x]!), sy = scaled(values[y]!);
      return JSON.stringify(sx.map((u, t) => [u, sy[t]]));
    })
  );
  const seen = [...found.values()].map(({ frame, dots }) => {
    assert.equal(dots.length, data.dates.length);
    const pairs = dots.map(({ cx, cy }) => [
      Math.round(((cx - frame.x) / frame.width) * 1e6) / 1e6,
      Math.round(((frame.y + frame.height - cy) / frame.height) * 1e6) / 1e6,
    ]);
    return JSON.stringify(pairs);
  });
  const rounded = expected.map((s) =>
    JSON.stringify(
      (JSON.parse(s) as number[][]).map((p) => p.map((v) => Math.round(v * 1e6) / 1e6)),
    )
  );
  assert.deepEqual([...seen].sort(), [...rounded].sort());
  const { document } = parseHTML(chart.html);
  assert.equal(document.querySelectorAll("b").length, 0, "names are text");
  const labels = [...document.querySelectorAll('[aria-label="text"] text')].map((t) =>
    t.textContent
  );
  assert.deepEqual(labels, columns);
});

Deno.test("plotScatterMatrix() defaults to the KPI and channels and rejects unknown columns", () => {
  const { document } = parseHTML(plotScatterMatrix(data).html);
  const labels = [...document.querySelectorAll('[aria-label="text"] text')].map((t) =>
    t.textContent
  );
  assert.deepEqual(labels, ["sales", evil, "radio"]);
  assert.throws(
    () => plotScatterMatrix(data, { columns: ["sales", "nope"] }),
    (e: unknown) =>
      e instanceof RangeError && /"nope" is not the KPI, a channel or a control/.test(e.message),
  );
});
