/**
 * The alternatives tried while setting the classical path's defaults (issue 12), each the CLI
 * with one config, so the table shows what every choice is worth:
 * - `ridge-robyn`: Robyn's scoring, mixlab's defaults before issue 12: CV NRMSE and DECOMP.RSSD,
 *   the spec's families, the chosen candidate as the estimate;
 * - `ridge-cv`: CV NRMSE alone (the issue's `["nrmse"]` run);
 * - `ridge-insample`: NRMSE in-sample (Robyn's default validation), one candidate;
 * - `ridge-families`: in-sample, with families chosen per channel, one candidate;
 * - `ridge-bagged`: in-sample, the spec's families, bagged over re-tuned bootstrap replicates.
 * `ridge-default` (every default: in-sample, families, bagging) is in `ridge_default.ts`.
 *
 * @module
 */
import { estimateConfigured, type RecoveryMethod } from "../method.ts";
import type { ConfigJson } from "../mixlab_input.ts";
import { QUICK_BOOTSTRAP, QUICK_TRIALS } from "./ridge_default.ts";

function variant(
  name: string,
  summary: string,
  tuning: ConfigJson,
  bootstrap: boolean,
): RecoveryMethod {
  return {
    name,
    summary,
    estimate: ({ config, data, quick, seed }) =>
      estimateConfigured(
        {
          ...config,
          tuning: { ...tuning, ...(quick ? { trials: QUICK_TRIALS } : {}) },
          bootstrap: bootstrap ? (quick ? QUICK_BOOTSTRAP : true) : false,
        },
        data,
        seed,
      ),
  };
}

/** Robyn's objectives on CV folds, one candidate (mixlab's defaults before issue 12). */
export const RIDGE_ROBYN: RecoveryMethod = variant(
  "ridge-robyn",
  "CV NRMSE + DECOMP.RSSD, geometric + Hill, the chosen candidate",
  { objectives: ["nrmse", "decomp_rssd"], validation: "cv", families: false },
  false,
);

/** CV NRMSE alone, one candidate. */
export const RIDGE_CV: RecoveryMethod = variant(
  "ridge-cv",
  "CV NRMSE alone, geometric + Hill, the chosen candidate",
  { objectives: ["nrmse"], validation: "cv", families: false },
  false,
);

/** In-sample NRMSE, one candidate. */
export const RIDGE_INSAMPLE: RecoveryMethod = variant(
  "ridge-insample",
  "in-sample NRMSE, geometric + Hill, the chosen candidate",
  { objectives: ["nrmse"], validation: "in-sample", families: false },
  false,
);

/** In-sample NRMSE with families chosen per channel, one candidate. */
export const RIDGE_FAMILIES: RecoveryMethod = variant(
  "ridge-families",
  "in-sample NRMSE, families chosen per channel (BIC), the chosen candidate",
  { objectives: ["nrmse"], validation: "in-sample" },
  false,
);

/** In-sample NRMSE, bagged over re-tuned bootstrap replicates, the spec's families. */
export const RIDGE_BAGGED: RecoveryMethod = variant(
  "ridge-bagged",
  "in-sample NRMSE, geometric + Hill, bagged over 30 re-tuned bootstrap replicates",
  { objectives: ["nrmse"], validation: "in-sample", families: false },
  true,
);

/**
 * Every default (in-sample NRMSE, families, bagging) at a lower budget: a 3,000-trial search and
 * 30 bootstrap replicates of 500 trials (the defaults: 10,000 and 30 × 1,000), so the whole grid
 * runs in under an hour on two shared cores.
 */
export const RIDGE_DEFAULT_LITE: RecoveryMethod = {
  name: "ridge-default-lite",
  summary: "every default at a lower budget: 3,000 trials, bootstrap 30 × 500",
  estimate: ({ config, data, quick, seed }) =>
    estimateConfigured(
      {
        ...config,
        tuning: { trials: quick ? QUICK_TRIALS : 3000 },
        bootstrap: quick ? QUICK_BOOTSTRAP : { replicates: 30, trials: 500 },
      },
      data,
      seed,
    ),
};
