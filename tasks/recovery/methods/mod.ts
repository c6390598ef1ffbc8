/**
 * The registry of recovery methods. To add one, write a file here exporting a
 * {@link RecoveryMethod} (a name, a one-line summary, and `estimate(input)` returning per-channel
 * ROAS, optional 90% intervals, effect shares and warnings; `estimateConfigured` runs any config
 * through the CLI's own library entry) and list it below. `deno task recovery --methods NAME`
 * then runs it on every set and the table gains its row.
 *
 * @module
 */
import type { RecoveryMethod } from "../method.ts";
import { BAYES_DEFAULT } from "./bayes_default.ts";
import { BAYES_TRUE } from "./bayes_true.ts";
import { OLS_TRUE } from "./ols_true.ts";
import { RIDGE_DEFAULT } from "./ridge_default.ts";

/** Every method, in table order. `ols-true` comes first: other figures refer to it. */
export const METHODS: readonly RecoveryMethod[] = [
  OLS_TRUE,
  RIDGE_DEFAULT,
  BAYES_DEFAULT,
  BAYES_TRUE,
];
