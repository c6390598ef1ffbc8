/**
 * `ols-true`: mixlab's OLS (`model.kind` "ols", non-negative media) with every channel's true
 * transforms fixed in the config, converted into mixlab's parameterisation
 * (mixlab_input.ts). The ceiling: what the estimator recovers when the transforms are right. On
 * a high-signal set it must land within a few percent of every true ROAS, which checks the
 * truth conversion itself.
 *
 * @module
 */
import { estimateConfigured, type RecoveryMethod } from "../method.ts";
import { trueConfig } from "../mixlab_input.ts";

/** OLS at the true transforms. */
export const OLS_TRUE: RecoveryMethod = {
  name: "ols-true",
  summary: "OLS with every channel's true adstock and saturation fixed (the ceiling)",
  estimate: ({ set, data, seed }) => estimateConfigured(trueConfig(set), data, seed),
};
