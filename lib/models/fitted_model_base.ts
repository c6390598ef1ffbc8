/**
 * The data part of a {@link FittedModel} that every model class carries, declared once: its
 * estimator, spec, training data, number of draws, parameter table and diagnostics. Model
 * classes extend {@link FittedModelBase} and add the prediction.
 *
 * @module
 */
import type { FittedModel } from "../types.ts";

/** The fields a {@link FittedModelBase} is built from. */
export type FittedModelFields = Pick<
  FittedModel,
  "kind" | "spec" | "data" | "nDraws" | "parameters" | "diagnostics"
>;

/**
 * What every fitted model class holds besides its prediction; see {@link FittedModel}.
 *
 * @example A ridge fit is one
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { FittedModelBase } from "mixlab/models";
 * import assert from "node:assert/strict";
 * const tv = new Float64Array([1, 3, 0, 2]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"], kpiKind: "revenue" as const,
 *   controls: [], channels: [{ name: "tv", spend: tv }], kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const fit = fitRidge(data, defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0 } }));
 * assert.ok(fit instanceof FittedModelBase);
 * assert.equal(fit.kind, "ridge");
 * ```
 */
export abstract class FittedModelBase implements FittedModelFields {
  /** Estimator name (`"ridge"`, `"ols"`, …). */
  readonly kind: string;
  /** The spec, with scales filled in. */
  readonly spec: FittedModel["spec"];
  /** Training data. */
  readonly data: FittedModel["data"];
  /** Number of draws (0 for point estimates). */
  readonly nDraws: number;
  /** Parameter table. */
  readonly parameters: FittedModel["parameters"];
  /** Findings from fitting. */
  readonly diagnostics: FittedModel["diagnostics"];

  /** Keeps the fields a subclass computed. */
  protected constructor(fields: FittedModelFields) {
    this.kind = fields.kind;
    this.spec = fields.spec;
    this.data = fields.data;
    this.nDraws = fields.nDraws;
    this.parameters = fields.parameters;
    this.diagnostics = fields.diagnostics;
  }
}
