import assert from "node:assert/strict";
import { fitElasticNet, fitRidge } from "mixlab";
import { elasticNetPath } from "mixlab/models";
import { assertRelClose, fixedData } from "./_fixed_design.ts";

// Expected numbers: tests/fixtures/reference/models_linear.py (sklearn 1.2.1 Lasso/ElasticNet,
// tol 1e-15, on the raw design).

const raw = { standardize: false, nonNegative: false } as const;

Deno.test("fitElasticNet() with l1Ratio 1 matches sklearn Lasso", () => {
  const { data, spec } = fixedData("channels");
  const fit = fitElasticNet(data, spec, { ...raw, lambda: 0.1, l1Ratio: 1 });
  assertRelClose([fit.intercept], [2.7223338457853563], 1e-8);
  assertRelClose(
    fit.coefficients,
    [1.3575785354349255, -0.5630623708288405, 0.3826461828243194, 0.20541793530838587],
    1e-8,
  );
});

Deno.test("fitElasticNet() matches sklearn ElasticNet (alpha 0.2, l1_ratio 0.5)", () => {
  const { data, spec } = fixedData("channels");
  const fit = fitElasticNet(data, spec, { ...raw, lambda: 0.2, l1Ratio: 0.5 });
  assertRelClose([fit.intercept], [2.886362122858837], 1e-8);
  assertRelClose(
    fit.coefficients,
    [1.2706918610887499, -0.55740048107829, 0.38842760385848685, 0.19787792815454547],
    1e-8,
  );
});

Deno.test("fitElasticNet() with non-negative media matches sklearn positive=True", () => {
  const { data, spec } = fixedData("channels");
  const fit = fitElasticNet(data, spec, { lambda: 0.2, l1Ratio: 0.5, standardize: false });
  assertRelClose([fit.intercept], [0.7582916504722488], 1e-8);
  assertRelClose(
    fit.coefficients,
    [1.4216386950131352, 0, 0.3442753001363739, 0.28279620744358513],
    1e-8,
  );
});

Deno.test("fitElasticNet() with l1Ratio 0 is ridge with λ_ridge = n·λ", () => {
  const { data, spec } = fixedData("channels");
  const enet = fitElasticNet(data, spec, { lambda: 0.5, l1Ratio: 0, nonNegative: false });
  const ridge = fitRidge(data, spec, { lambda: 15, nonNegative: false }); // n = 30
  assertRelClose(enet.coefficients, ridge.coefficients, 1e-9);
});

Deno.test("elasticNetPath() follows sklearn's lasso grid and solutions", () => {
  const { data, spec } = fixedData("channels");
  const path = elasticNetPath(data, spec, { ...raw, nLambdas: 4, lambdaMinRatio: 1e-2 });
  assertRelClose(path.lambdas, [
    2.6723055555555555,
    0.5757307791253814,
    0.12403743626668061,
    0.026723055555555555,
  ], 1e-12);
  assert.deepEqual(Array.from(path.coefficients[0]!), [0, 0, 0, 0]);
  assertRelClose(path.coefficients[1]!, [
    1.0838716802355075,
    -0.4719720858884022,
    0.30678247840582823,
    0.10126411741130814,
  ], 1e-8);
  assertRelClose(path.coefficients[2]!, [
    1.3437488414645138,
    -0.5584598161595902,
    0.37881298758043297,
    0.2001553143692166,
  ], 1e-8);
  assertRelClose(path.coefficients[3]!, [
    1.3997376785943916,
    -0.577093032795427,
    0.3943314903510759,
    0.22146077689570606,
  ], 1e-8);
  assert.deepEqual(Array.from(path.nonZero), [0, 4, 4, 4]);
});
