/**
 * Prior and posterior predictive checks of the Bayesian MMM (Gelman et al., "Bayesian Data
 * Analysis", 3rd ed., §6.3; Gabry et al. 2019, "Visualization in Bayesian workflow").
 *
 * - {@link priorPredictive}, before any fit: what the priors alone imply for each channel's ROAS,
 *   media's share of the KPI, the probability that the baseline goes negative in some week
 *   (Meridian runs the same check before fitting), the KPI's weekly range and each lift test.
 *   Priors whose KPI band misses the data by orders of magnitude, or that make a negative
 *   baseline likely, are wrong before any data is seen.
 * - {@link posteriorPredictive}, after a fit: replicated KPI series (draw from the posterior, then
 *   the noise) against the actual one, with the share of weeks inside the 90% band, and each lift
 *   test's measured lift against the replicated measurement (the model's lift plus the test's
 *   own error). A lift test that disagrees with the rest of the data shows up there as a
 *   measured lift in the tail of its replicated distribution.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../../display/jupyter.ts";
import { Table } from "../../display/table.ts";
import type { Diagnostic, Interval90, LiftTest } from "../../types.ts";

/** A lift test against the model's replicated measurement. */
export interface LiftTestCheck {
  /** The test as given. */
  readonly test: LiftTest;
  /** The replicated measurement: the model's lift over the window plus the test's error. */
  readonly replicated: Interval90;
  /**
   * Two-sided tail probability of the measured lift among the replicated ones:
   * 2·min(P(rep ≤ measured), P(rep ≥ measured)). Below 0.05 the test and the model disagree.
   */
  readonly pValue: number;
  /**
   * The same against the model fitted without the lift tests (when given): whether the test
   * agrees with what the KPI data alone say. A test that the model absorbed (its own posterior
   * bends to it) can still disagree here.
   */
  readonly withoutTests?: { readonly replicated: Interval90; readonly pValue: number };
}

/** The result of {@link priorPredictive} or {@link posteriorPredictive}. */
export class PredictiveCheck {
  /** Which distribution the draws come from. */
  readonly kind: "prior" | "posterior";
  /** Dates of the rows. */
  readonly dates: readonly string[];
  /** KPI name. */
  readonly kpiName: string;
  /** The actual KPI. */
  readonly actual: Float64Array;
  /** 5%, 50% and 95% quantiles of the replicated KPI per row. */
  readonly band: {
    readonly lower: Float64Array;
    readonly median: Float64Array;
    readonly upper: Float64Array;
  };
  /** Share of rows whose actual KPI lies inside the 90% band. */
  readonly coverage: number;
  /** ROAS per channel (linear specification: contribution over the rows per unit of spend). */
  readonly roas: readonly { readonly channel: string; readonly roas: Interval90 }[];
  /** Media's share of the predicted KPI over the rows. */
  readonly mediaShare: Interval90;
  /** Probability that the baseline (KPI without paid media) is negative in at least one row. */
  readonly negativeBaseline: number;
  /** Each lift test against its replicated measurement. */
  readonly liftTests: readonly LiftTestCheck[];
  /** Number of draws. */
  readonly draws: number;

  /** Wraps computed checks; use {@link priorPredictive} or {@link posteriorPredictive}. */
  constructor(
    init: Pick<
      PredictiveCheck,
      | "kind"
      | "dates"
      | "kpiName"
      | "actual"
      | "band"
      | "coverage"
      | "roas"
      | "mediaShare"
      | "negativeBaseline"
      | "liftTests"
      | "draws"
    >,
  ) {
    this.kind = init.kind;
    this.dates = init.dates;
    this.kpiName = init.kpiName;
    this.actual = init.actual;
    this.band = init.band;
    this.coverage = init.coverage;
    this.roas = init.roas;
    this.mediaShare = init.mediaShare;
    this.negativeBaseline = init.negativeBaseline;
    this.liftTests = init.liftTests;
    this.draws = init.draws;
  }

  /** The per-channel and summary numbers as a table. */
  toTable(): Table {
    const f = (x: Interval90) => `${fmt(x.mean)} [${fmt(x.lower)}, ${fmt(x.upper)}]`;
    const rows: Record<string, string>[] = [
      ...this.roas.map((r) => ({ quantity: `ROAS ${r.channel}`, "mean [90%]": f(r.roas) })),
      { quantity: "media share of the KPI", "mean [90%]": f(this.mediaShare) },
      {
        quantity: "P(baseline < 0 in some week)",
        "mean [90%]": fmt(this.negativeBaseline),
      },
      {
        quantity: "weeks with the actual KPI inside the 90% band",
        "mean [90%]": `${Math.round(100 * this.coverage)}%`,
      },
      ...this.liftTests.flatMap((l) => {
        const name = `lift test ${l.test.channel} ${l.test.start}–${l.test.end}: measured ${
          fmt(l.test.lift)
        }`;
        const rows = [{ quantity: `${name}, p = ${fmt(l.pValue)}`, "mean [90%]": f(l.replicated) }];
        const w = l.withoutTests;
        if (w) {
          rows.push({
            quantity: `${name}, model without lift tests, p = ${fmt(w.pValue)}`,
            "mean [90%]": f(w.replicated),
          });
        }
        return rows;
      }),
    ];
    return new Table(rows, {
      caption: `${
        this.kind === "prior" ? "Prior" : "Posterior"
      } predictive check (${this.draws} draws)`,
    });
  }

  /**
   * A warning per lift test that disagrees with the model (two-sided p below 0.05), judged
   * against the fit without the lift tests when the check has it (what the KPI data alone say),
   * else against the fit itself.
   */
  diagnostics(): Diagnostic[] {
    return this.liftTests.flatMap((l): Diagnostic[] => {
      const ref = l.withoutTests ?? l, p = ref.pValue, r = ref.replicated;
      if (!(p < 0.05)) return [];
      const t = l.test;
      return [{
        level: "warning",
        code: "lift-test-conflict",
        subject: t.channel,
        message:
          `The lift test on "${t.channel}" (${t.start} to ${t.end}) measured ${
            fmt(t.lift)
          }, but the model${l.withoutTests ? " fitted without the lift tests" : ""} predicts ${
            fmt(r.mean)
          } [${fmt(r.lower)}, ${fmt(r.upper)}] for that window (p = ${fmt(p)}): the test and the ` +
          "KPI data disagree. Check the test's window, units and standard error before trusting " +
          "the calibrated ROAS",
      }];
    });
  }

  /** Plain JSON form (snake_case, as in `result.json`'s `posterior_predictive`). */
  toJSON(): unknown {
    const ci = (x: Interval90) => ({ mean: x.mean, ci90: [x.lower, x.upper] });
    return {
      kind: this.kind,
      draws: this.draws,
      coverage_90: this.coverage,
      roas: Object.fromEntries(this.roas.map((r) => [r.channel, ci(r.roas)])),
      media_share: ci(this.mediaShare),
      negative_baseline_probability: this.negativeBaseline,
      lift_tests: this.liftTests.map((l) => ({
        channel: l.test.channel,
        start: l.test.start,
        end: l.test.end,
        measured: l.test.lift,
        standard_error: l.test.standardError ?? null,
        replicated: ci(l.replicated),
        p_value: l.pValue,
        ...(l.withoutTests
          ? {
            without_lift_tests: {
              ...ci(l.withoutTests.replicated),
              p_value: l.withoutTests.pValue,
            },
          }
          : {}),
      })),
    };
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a >= 1000
    ? Math.round(v).toLocaleString("en-US")
    : a >= 1
    ? v.toFixed(2)
    : v.toPrecision(2);
}
