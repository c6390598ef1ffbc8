/**
 * The CSV exports of `mmm fit` and `mmm optimize`, read back with a CSV parser written here
 * (RFC 4180): every number equals result.json's (allocation.json's) to the last bit, each
 * decomposition row adds up to the fitted KPI, and the actual KPI and spends equal the data file.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { mmm, root } from "./_mmm.ts";

/** RFC 4180 fields of a CSV text: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Rows of a CSV as records keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, j) => [h, r[j] as string])));
}

const num = (s: string | undefined) => (s === "" || s === undefined ? null : Number(s));

Deno.test({
  name: "mmm fit and optimize write CSV exports that read back to result.json's numbers",
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "mixlab-exports-" });
    try {
      const tv = 'tv, "prime"';
      const config = {
        data: join(root, "data", "demo.csv"),
        kpi: "revenue",
        channels: {
          [tv]: { spend: "tv_spend" },
          radio: { spend: "radio_spend" },
          social: { spend: "social_spend" },
          search: { spend: "search_spend" },
          display: { spend: "display_spend" },
        },
        controls: ["price", "promo", "holiday"],
        model: { kind: "ridge", lambda: 0.1 },
        crossValidation: { folds: 0 },
      };
      await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(config));
      const out = join(dir, "fit");
      const fit = await mmm(["fit", "--config", join(dir, "config.json"), "--out", out]);
      assert.equal(fit.code, 0, fit.stderr);
      const result = JSON.parse(await Deno.readTextFile(join(out, "result.json")));
      const data = records(Deno.readTextFileSync(join(root, "data", "demo.csv")));

      // decomposition.csv: week × term.
      const d = result.decomposition;
      const decomposition = records(await Deno.readTextFile(join(out, "decomposition.csv")));
      const terms = { ...d.terms, ...d.channels } as Record<string, number[]>;
      assert.deepEqual(
        Object.keys(decomposition[0]!),
        ["date", "actual", "fitted", ...Object.keys(terms)],
      );
      assert.equal(decomposition.length, d.dates.length);
      decomposition.forEach((row, t) => {
        assert.equal(row.date, d.dates[t]);
        assert.equal(row.date, data[t]!.date);
        assert.equal(num(row.actual), Number(data[t]!.revenue), "actual = the data file's KPI");
        assert.equal(num(row.fitted), d.fitted[t]);
        let sum = 0;
        for (const [name, values] of Object.entries(terms)) {
          assert.equal(num(row[name]), values[t], `${name} in week ${row.date}`);
          sum += num(row[name])!;
        }
        assert.ok(Math.abs(sum - num(row.fitted)!) <= 1e-9 * Math.abs(num(row.fitted)!));
      });

      // channels.csv: the channel table.
      const channels = records(await Deno.readTextFile(join(out, "channels.csv")));
      assert.deepEqual(
        channels.map((c) => c.channel),
        result.channels.map((c: { name: string }) => c.name),
      );
      channels.forEach((row, j) => {
        const c = result.channels[j];
        for (const key of ["spend", "contribution", "roas", "mroas", "cpa", "effect_share"]) {
          assert.equal(num(row[key]), c[key], `${c.name}.${key}`);
        }
        assert.equal(row.roas_low, "", "no interval without draws");
        assert.equal(row.adstock, c.params.adstock.kind);
        assert.equal(num(row.scale), c.params.scale);
      });
      // spend over the training weeks equals the data file's (the last 13 weeks are held out)
      const train = data.slice(0, d.dates.length);
      const tvSpend = train.reduce((a, r) => a + Number(r.tv_spend), 0);
      assert.ok(Math.abs(num(channels[0]!.spend)! - tvSpend) < 1e-6 * tvSpend);
      assert.ok(
        Math.abs(num(channels[0]!.roas)! - num(channels[0]!.contribution)! / tvSpend) < 1e-9,
      );

      // response_curves.csv: every point of every curve, and the operating point.
      const curves = records(await Deno.readTextFile(join(out, "response_curves.csv")));
      for (const c of result.response_curves) {
        const rows = curves.filter((r) => r.channel === c.channel);
        const points = rows.filter((r) => r.current === "0");
        assert.deepEqual(points.map((r) => num(r.spend)), c.spend);
        assert.deepEqual(points.map((r) => num(r.response)), c.response);
        const current = rows.filter((r) => r.current === "1");
        assert.deepEqual(current.map((r) => [num(r.spend), num(r.response)]), [[
          c.current.spend,
          c.current.response,
        ]]);
      }

      // allocation.csv from optimize.
      const opt = join(dir, "opt");
      const o = await mmm(["optimize", "--result", join(out, "result.json"), "--out", opt]);
      assert.equal(o.code, 0, o.stderr);
      const allocation = JSON.parse(await Deno.readTextFile(join(opt, "allocation.json")));
      const rows = records(await Deno.readTextFile(join(opt, "allocation.csv")));
      assert.deepEqual(
        rows.map((r) => r.channel),
        allocation.channels.map((c: { name: string }) => c.name),
      );
      rows.forEach((row, j) => {
        const c = allocation.channels[j];
        assert.equal(num(row.current_spend), c.currentSpend);
        assert.equal(num(row.optimal_spend), c.optimalSpend);
        assert.equal(num(row.optimal_response), c.optimalResponse);
        assert.equal(num(row.marginal_roas), c.marginalRoas);
        assert.equal(row.binding, c.binding ?? "");
      });
      const total = rows.reduce((a, r) => a + num(r.optimal_spend)!, 0);
      assert.ok(Math.abs(total - allocation.totals.optimalSpend) < 1e-6 * total);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
