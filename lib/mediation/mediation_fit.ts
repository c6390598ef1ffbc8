/**
 * The result of `fitMediation`: effects, attribution (naive next to mediation-aware
 * credit) and the causal-graph findings, shown as tables in Jupyter.
 *
 * @module
 */
import type { Diagnostic, FittedModel } from "../types.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { type Cell, type Table, table } from "../display/table.ts";
import type { CausalDag, DagInput } from "./dag.ts";
import type { MediationResult } from "./effects.ts";

/** One channel's credit: the naive model's next to the mediation-aware one. */
export interface AttributionRow {
  /** Channel name. */
  readonly channel: string;
  /** Its role in the analysis. */
  readonly role: "upstream" | "mediator" | "other";
  /** Spend over the period. */
  readonly spend: number;
  /** Contribution in the KPI model where every channel sits side by side (direct only). */
  readonly naiveContribution: number;
  /** naiveContribution / spend. */
  readonly naiveRoas: number;
  /**
   * Mediation-aware credit: the total effect for upstream channels; for the mediator, what it
   * would contribute without the part all upstream channels induce together; unchanged otherwise.
   */
  readonly totalContribution: number;
  /** totalContribution / spend. */
  readonly totalRoas: number;
  /** Interval of totalRoas at the result's level (upstream channels only). */
  readonly totalRoasLower: number | undefined;
  /** Interval of totalRoas at the result's level (upstream channels only). */
  readonly totalRoasUpper: number | undefined;
}

/** What `fitMediation` returns: effects, attribution, and the DAG findings. */
export class MediationFit {
  /** Direct, indirect and total effects per upstream channel. */
  readonly effects: MediationResult;
  /** Naive and mediation-aware credit per channel of the spec. */
  readonly attribution: readonly AttributionRow[];
  /** Findings from the causal graph and the fits. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The stage-2 KPI model fitted by `fitOls` (the naive, side-by-side model), for
   * decomposition, elasticities and diagnostics.
   */
  readonly outcomeModel: FittedModel;
  /** The causal graph the regressors were checked against, if one was given. */
  readonly dag: CausalDag | undefined;

  /** Wraps results; made by `fitMediation`. */
  constructor(
    effects: MediationResult,
    attribution: readonly AttributionRow[],
    diagnostics: readonly Diagnostic[],
    outcomeModel: FittedModel,
    dag?: CausalDag,
  ) {
    this.effects = effects;
    this.attribution = attribution;
    this.diagnostics = diagnostics;
    this.outcomeModel = outcomeModel;
    this.dag = dag;
  }

  /** Total-effect ROAS next to the naive (direct-only) ROAS, one row per channel. */
  attributionTable(): Table {
    const pct = Math.round(this.effects.level * 100);
    const rows: Record<string, Cell>[] = this.attribution.map((r) => ({
      channel: r.channel,
      role: r.role,
      spend: r.spend,
      "naive contribution": r.naiveContribution,
      "naive ROAS": r.naiveRoas,
      "total-effect contribution": r.totalContribution,
      "total-effect ROAS": r.totalRoas,
      [`${pct}% lower`]: r.totalRoasLower,
      [`${pct}% upper`]: r.totalRoasUpper,
      "credit moved": r.totalContribution - r.naiveContribution,
    }));
    return table(rows, {
      caption: `Attribution with mediation through "${this.effects.mediator}"`,
    });
  }

  /** A plain JSON form (without the outcome model, which serialises itself with its data). */
  toJSON(): {
    effects: ReturnType<MediationResult["toJSON"]>;
    attribution: readonly AttributionRow[];
    diagnostics: readonly Diagnostic[];
    dag: DagInput | undefined;
  } {
    return {
      effects: this.effects.toJSON(),
      attribution: this.attribution,
      diagnostics: this.diagnostics,
      dag: this.dag?.toJSON(),
    };
  }

  /** Shows the causal graph (when given), the effects and the attribution tables in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const effects = this.effects.toTable("perSpend");
    const attribution = this.attributionTable();
    const graph = this.dag === undefined ? "" : this.dag.toSvg() + "\n";
    return {
      "text/html": graph + effects.toHtml() + "\n" + attribution.toHtml(),
      "text/plain": effects.toText() + "\n\n" + attribution.toText(),
    };
  }

  /** `"MediationFit"`. */
  get [Symbol.toStringTag](): string {
    return "MediationFit";
  }
}
