import assert from "node:assert/strict";
import { FitError, fitOls } from "mixlab";
import { GUARDRAIL_CODES } from "mixlab/guardrails";
import { assertRelClose, fixedData } from "./_fixed_design.ts";

// Expected numbers: tests/fixtures/reference/models_linear.py (statsmodels 0.13.5 OLS).

Deno.test("fitOls() matches statsmodels: coefficients, standard errors, t, p and 95% CIs", () => {
  const { data, spec } = fixedData("controls");
  const fit = fitOls(data, spec);
  const rows = fit.parameters.slice(0, 5);
  assert.deepEqual(rows.map((r) => r.name), ["intercept", "x1", "x2", "x3", "x4"]);
  assertRelClose(rows.map((r) => r.estimate), [
    2.5917032517636205,
    1.415112516251264,
    -0.5822098149164197,
    0.3985929551895574,
    0.22731137219900802,
  ], 1e-9);
  assertRelClose(rows.map((r) => r.stdError!), [
    0.9911600913890575,
    0.2715122009988881,
    0.1708674956778442,
    0.1772380828210978,
    0.1569937683612639,
  ], 1e-9);
  assertRelClose(rows.map((r) => r.estimate / r.stdError!), [
    2.6148180039528106,
    5.211966574780406,
    -3.4073760641645126,
    2.2489125860828274,
    1.447900605047799,
  ], 1e-9);
  assertRelClose(rows.map((r) => r.pValue!), [
    0.014912046041498468,
    2.1556596377906882e-05,
    0.002225541163840757,
    0.03357472032744012,
    0.16007062258924168,
  ], 1e-7);
  assertRelClose(rows.map((r) => r.lower!), [
    0.5503708315973785,
    0.8559226707511526,
    -0.9341180096773467,
    0.033564290603425195,
    -0.09602334628303535,
  ], 1e-8);
  assertRelClose(rows.map((r) => r.upper!), [
    4.633035671929862,
    1.9743023617513757,
    -0.23030162015549266,
    0.7636216197756895,
    0.5506460906810514,
  ], 1e-8);
});

Deno.test("fitOls() flags negative media coefficients", () => {
  const { data, spec } = fixedData("channels");
  const fit = fitOls(data, spec);
  // a negative coefficient is also a negative ROAS, outside the guardrails' default range [0, 20]
  assert.deepEqual(fit.diagnostics.map((d) => [d.code, d.subject]), [
    ["media-negative", "x2"],
    ["roas-range", "x2"],
  ]);
});

Deno.test("fitOls() refuses collinear columns and too few rows", () => {
  const { data, spec } = fixedData("controls");
  const dup = {
    ...data,
    controls: [...data.controls.slice(0, 3), {
      name: "x4",
      values: data.controls[0]!.values.map((v) => 2 * v),
    }],
  };
  assert.throws(() => fitOls(dup, spec), FitError);
  const short = {
    ...data,
    dates: data.dates.slice(0, 5),
    kpi: { ...data.kpi, values: data.kpi.values.slice(0, 5) },
    controls: data.controls.map((c) => ({ name: c.name, values: c.values.slice(0, 5) })),
  };
  assert.throws(() => fitOls(short, spec), FitError);
});

Deno.test("fitOls() with non-negative media matches scipy nnls + statsmodels on the active set", () => {
  const { data, spec } = fixedData("channels");
  const fit = fitOls(data, spec, { nonNegative: true });
  assertRelClose([fit.intercept], [0.340596031684802], 1e-9);
  assertRelClose(
    fit.coefficients,
    [1.5853536874030998, 0, 0.34842993931980937, 0.3189827921685276],
    1e-9,
  );
  const se = fit.parameters.slice(0, 5).map((r) => r.stdError);
  assertRelClose([se[0]!, se[1]!, se[3]!, se[4]!], [
    0.8767648476426113,
    0.31668202804079915,
    0.2095888166158331,
    0.1835372985672631,
  ], 1e-9);
  assert.equal(se[2], undefined);
  const own = fit.diagnostics.filter((d) => !GUARDRAIL_CODES.has(d.code));
  assert.deepEqual(own.map((d) => [d.code, d.subject]), [["media-zero", "x2"]]);
});
