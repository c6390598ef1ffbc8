// Prints the recovery table of bench/README.md: tune() from default bounds on the bundled
// demo, flighting and mediation sets, against their truth files.
// Run: deno run -A tests/tuning/_recovery_table.ts
import { tune } from "mixlab";
import { loadDataset } from "./_datasets.ts";

const pct = (est: number, truth: number) => `${(100 * (est / truth - 1)).toFixed(0)}%`;
for (const rssd of [false, true]) {
  console.log(
    `\n### rssd: ${rssd} (10,000 trials, differential evolution, seed 1, 5-fold CV NRMSE${
      rssd ? " + DECOMP.RSSD" : ""
    })\n`,
  );
  console.log("| set | channel | true ROAS | tuned ROAS | error | true decay | tuned decay |");
  console.log("|---|---|---|---|---|---|---|");
  for (const name of ["demo", "flighting", "mediation"]) {
    const { data, truth, spec } = await loadDataset(name);
    const r = await tune(data, spec, {
      trials: 10000,
      sampler: "differential-evolution",
      seed: 1,
      rssd,
    });
    const chosen = r.search.trials[r.selection.chosen]!;
    for (const c of truth) {
      const est = chosen.extras[`roas.${c.name}`]!;
      const d = c.adstock.params.decay;
      const dEst = r.params[`${c.name}.adstock.decay`];
      const decay = d === undefined ? `${c.adstock.kind}` : `${d}`;
      console.log(
        `| ${name} | ${c.name} | ${c.roas.toFixed(2)} | ${est.toFixed(2)} | ${
          pct(est, c.roas)
        } | ${decay} | ${dEst === undefined ? "–" : dEst.toFixed(2)} |`,
      );
    }
  }
}
