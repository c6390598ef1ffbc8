/**
 * The one-pager's "Tuning" section: how many candidate models were searched, which curve
 * families each channel was given and why, how the estimate and its 90% intervals were made,
 * and how far those intervals can be trusted.
 *
 * @module
 */
import type { ConfiguredFit } from "../../lib/config/fit_configured.ts";
import type { MmmConfig } from "../../lib/config/mmm_config.ts";
import type { ReportSection } from "../../lib/report/html_report.ts";

/**
 * How far a tuned fit's bootstrap intervals can be trusted, measured on independent data by the
 * recovery study (README, "Recovery study at the defaults": 90% intervals covered 73.9%, 69.1%
 * and 80.3% of the true ROAS on the study sets and the two validation rounds, 80.9%, 78.7% and
 * 78.2% of the true mROAS).
 */
export const TUNED_INTERVALS_CAVEAT = "How far to trust the 90% intervals: each replicate " +
  "re-tunes every parameter but keeps the curve families chosen above, and every replicate " +
  "sees the same spend, so the intervals cannot show how an always-on channel's curve runs " +
  'below its lowest spend. On independent test data (README, "Recovery study at the ' +
  'defaults") they covered the true ROAS 7 to 8 times in 10, not 9, and the true ' +
  "marginal ROAS about 8 in 10: read them as the least the uncertainty can be.";

/** The "Tuning" section of a tuned fit's one-pager; undefined for untuned fits. */
export function tuningSection(config: MmmConfig, run: ConfiguredFit): ReportSection | undefined {
  const tuning = run.tuning;
  if (!tuning) return undefined;
  const replicates = run.replicates?.length ?? 0;
  const families = (tuning.families ?? []).length > 0;
  // a channel whose first pair (its tuned one) lost moved to new families, searched again
  const moved = (tuning.families ?? []).some((f) => f.chosen !== 0);
  const how = `${config.tuning!.trials} candidate models were searched.` +
    (families
      ? " Each channel's carryover and saturation families were then chosen from the pairs in " +
        "the table below, by BIC, which charges every extra parameter" +
        (moved
          ? `, and the chosen pairs searched again (${tuning.search.trials.length} candidates).`
          : ".")
      : "") +
    (replicates > 0
      ? ` The estimate averages ${replicates} models, each re-tuned on a block-bootstrap ` +
        "resample of the weeks and refitted on the actual KPI (bagging); the 90% intervals " +
        "are the 5%–95% range of those replicates."
      : " The chosen model was refitted on all training weeks.");
  return {
    title: "Tuning",
    blocks: [
      { kind: "text", text: how },
      ...(families ? [{ kind: "table" as const, table: tuning.familiesTable() }] : []),
      ...(replicates > 0 ? [{ kind: "text" as const, text: TUNED_INTERVALS_CAVEAT }] : []),
      {
        kind: "chart",
        chart: config.tuning!.objectives.length > 1 ? tuning.plotFront() : tuning.plotObjective(),
      },
      { kind: "chart", chart: tuning.plotParameters() },
    ],
  };
}
