/**
 * `result.json` and the one-pager of a geo model (a config with `geo`): the national channel
 * table as for national models, plus the geo tables (per-geo ROAS, mROAS, contribution with
 * intervals, each geo's separate fit for the shrinkage display) and the decomposition by geo.
 * Field names are snake_case and documented in the README ("result.json of a geo fit").
 *
 * @module
 */
import { Table } from "../display/table.ts";
import { plotGeoShrinkage } from "../plot/geo_shrinkage_chart.ts";
import type { Diagnostic } from "../types.ts";
import { renderReport, type ReportSection } from "./html_report.ts";
import type { ResultTransform, ResultWarning } from "./result_json.ts";

/** A 90% interval: lower and upper end. */
export type Ci = readonly [number, number];

/** One channel's returns (national, or in one geo). */
export interface GeoResultReturns {
  /** Channel name. */
  readonly name: string;
  /** Spend over the training weeks. */
  readonly spend: number;
  /** Contribution (KPI units). */
  readonly contribution: number;
  /** Contribution ÷ spend. */
  readonly roas: number;
  /** Marginal ROAS at the observed spend (1% step). */
  readonly mroas: number;
  /** 90% intervals, when the model gives them. */
  readonly roas_ci90?: Ci;
  /** 90% interval of the mROAS. */
  readonly mroas_ci90?: Ci;
  /** 90% interval of the contribution. */
  readonly contribution_ci90?: Ci;
}

/** `result.json` of a geo fit. */
export interface GeoResultJson {
  /** The mixlab version that wrote the file. */
  readonly mixlab_version: string;
  /** The run's seed. */
  readonly seed: number;
  /** Wall-clock seconds. */
  readonly seconds: number;
  /** The model: kind, penalty, structure and where the intervals come from. */
  readonly model: {
    readonly kind: string;
    readonly lambda: number | null;
    readonly geo_trends: boolean;
    readonly week_effects: boolean;
    readonly population_scaling: boolean;
    readonly intervals: "cluster-robust" | "posterior" | null;
  };
  /** The KPI column and its kind. */
  readonly kpi: { readonly name: string; readonly kind: string };
  /** National returns per channel, with shares and the fitted transforms. */
  readonly channels: readonly (GeoResultReturns & {
    readonly effect_share: number;
    readonly spend_share: number;
    readonly params: {
      readonly adstock: Omit<ResultTransform, "status">;
      readonly saturation: Omit<ResultTransform, "status">;
      readonly scale: number;
    };
  })[];
  /** Fit quality (KPI per person with population scaling for `r2_train` and `sigma`). */
  readonly fit: {
    readonly r2_train: number;
    readonly sigma: number;
    readonly holdout_weeks: number;
    readonly r2_holdout: number | null;
    readonly rmse_holdout: number | null;
  };
  /** The national weekly decomposition: baseline and each channel, every geo summed. */
  readonly decomposition: {
    readonly dates: readonly string[];
    readonly baseline: readonly number[];
    readonly channels: Readonly<Record<string, readonly number[]>>;
  };
  /** The geo tables. */
  readonly geo: {
    readonly column: string;
    readonly population_column: string | null;
    readonly geos: readonly {
      readonly name: string;
      readonly population: number;
      readonly channels: readonly (GeoResultReturns & {
        readonly coefficient: number;
        readonly separate_roas: number;
        readonly separate_roas_ci90?: Ci;
      })[];
    }[];
    /** Weekly decomposition of each geo (same dates). */
    readonly decomposition: Readonly<
      Record<string, {
        readonly baseline: readonly number[];
        readonly channels: Readonly<Record<string, readonly number[]>>;
      }>
    >;
  };
  /** The tuning run, or null. */
  readonly tuning: {
    readonly validation: string;
    readonly score: number;
    readonly trials: number;
    readonly lambda: number;
    readonly families: readonly { channel: string; adstock: string; saturation: string }[];
  } | null;
  /** Warnings and notes. */
  readonly diagnostics: { readonly warnings: readonly ResultWarning[] };
}

/** A diagnostic as `result.json` writes it. */
export function resultWarning(d: Diagnostic): ResultWarning {
  return {
    code: d.code,
    level: d.level,
    channel: d.subject ?? null,
    message: d.message,
    hint: d.hint ?? null,
  };
}

const fmt = (v: number) =>
  Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : v.toPrecision(3);
const withCi = (v: number, ci: Ci | undefined) =>
  ci ? `${fmt(v)} [${fmt(ci[0])}, ${fmt(ci[1])}]` : fmt(v);

/** Options of {@link geoOnePager}. */
export interface GeoOnePagerOptions {
  /** Page title. @default "Geo media mix model report" */
  readonly title?: string;
  /** Small print. @default "" */
  readonly footer?: string;
}

/**
 * The one-pager of a geo fit: warnings first, the national returns, the shrinkage display per
 * channel, per-geo returns and the decomposition by geo. Every user string is escaped by the
 * report renderer and the tables.
 *
 * @example A minimal result: geo names are escaped
 * ```ts
 * import { geoOnePager, type GeoResultJson } from "mixlab/report";
 * import assert from "node:assert/strict";
 * const tv = { name: "tv", spend: 10, contribution: 20, roas: 2, mroas: 1 };
 * const result: GeoResultJson = {
 *   mixlab_version: "0", seed: 1, seconds: 1,
 *   model: { kind: "geo-ridge", lambda: 1, geo_trends: false, week_effects: false, population_scaling: false, intervals: null },
 *   kpi: { name: "sales", kind: "revenue" },
 *   channels: [{ ...tv, effect_share: 1, spend_share: 1, params: { adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } }, scale: 5 } }],
 *   fit: { r2_train: 0.9, sigma: 1, holdout_weeks: 0, r2_holdout: null, rmse_holdout: null },
 *   decomposition: { dates: ["2024-01-01"], baseline: [5], channels: { tv: [20] } },
 *   geo: {
 *     column: "region", population_column: null,
 *     geos: [{ name: "<b>north</b>", population: 1, channels: [{ ...tv, coefficient: 3, separate_roas: 2.5 }] }],
 *     decomposition: { "<b>north</b>": { baseline: [5], channels: { tv: [20] } } },
 *   },
 *   tuning: null, diagnostics: { warnings: [] },
 * };
 * const html = geoOnePager(result);
 * assert.ok(html.includes("&lt;b&gt;north&lt;/b&gt;") && !html.includes("<b>north"));
 * ```
 */
export function geoOnePager(result: GeoResultJson, options: GeoOnePagerOptions = {}): string {
  const r = result, geos = r.geo.geos;
  const warnings = r.diagnostics.warnings;
  const sections: ReportSection[] = [];
  if (warnings.length > 0) {
    sections.push({
      title: "Before you use these numbers",
      blocks: warnings.map((w) => ({
        kind: "callout" as const,
        level: w.level === "warning" ? "warning" as const : "info" as const,
        text: `${w.message}${w.hint ? ` — ${w.hint}` : ""}`,
      })),
    });
  }
  sections.push(summarySection(r), nationalSection(r), shrinkageSection(r), {
    title: "Returns by geo",
    blocks: [{
      kind: "table",
      table: new Table(
        geos.flatMap((g) =>
          g.channels.map((c) => ({
            geo: g.name,
            channel: c.name,
            spend: fmt(c.spend),
            contribution: withCi(c.contribution, c.contribution_ci90),
            ROAS: withCi(c.roas, c.roas_ci90),
            mROAS: withCi(c.mroas, c.mroas_ci90),
            "ROAS fitted alone": withCi(c.separate_roas, c.separate_roas_ci90),
          }))
        ),
        { caption: "Per geo and channel, with 90% intervals where the model gives them" },
      ),
    }],
  }, decompositionSection(r));
  return renderReport(options.title ?? "Geo media mix model report", sections, {
    subtitle: `KPI "${r.kpi.name}" · ${geos.length} geos × ${r.decomposition.dates.length} weeks (${
      r.decomposition.dates[0]
    } to ${r.decomposition.dates.at(-1)}) · ${r.model.kind} model`,
    footer: options.footer ?? "",
  });
}

function summarySection(r: GeoResultJson): ReportSection {
  return {
    title: "Model",
    blocks: [{
      kind: "metrics",
      items: [
        { label: "model", value: r.model.kind },
        { label: "geos", value: String(r.geo.geos.length) },
        { label: "R² (training weeks)", value: r.fit.r2_train.toFixed(3) },
        {
          label: `R² (${r.fit.holdout_weeks} held-out weeks)`,
          value: r.fit.r2_holdout === null ? "n/a" : r.fit.r2_holdout.toFixed(3),
        },
        { label: "population scaling", value: r.model.population_scaling ? "yes" : "no" },
      ],
    }, {
      kind: "text",
      text: `Each geo has its own level${r.model.geo_trends ? " and trend" : ""}; ${
        r.model.week_effects
          ? "every week has one effect shared by the geos"
          : "trend and seasonality are shared"
      }. Adstock and saturation are shared by every geo${
        r.tuning
          ? ` (tuned: ${r.tuning.trials} candidates, ${r.tuning.validation} NRMSE ${
            r.tuning.score.toFixed(4)
          })`
          : ""
      }. ${
        r.model.intervals === "cluster-robust"
          ? "Intervals are 90%, cluster-robust by geo."
          : r.model.intervals === "posterior"
          ? "Intervals are 90% posterior intervals."
          : 'This model gives no intervals (ridge): fit with model.kind "ols" for cluster-robust ones.'
      }`,
    }],
  };
}

function nationalSection(r: GeoResultJson): ReportSection {
  return {
    title: "National return on ad spend",
    blocks: [{
      kind: "table",
      table: new Table(
        r.channels.map((c) => ({
          channel: c.name,
          spend: fmt(c.spend),
          contribution: withCi(c.contribution, c.contribution_ci90),
          ROAS: withCi(c.roas, c.roas_ci90),
          mROAS: withCi(c.mroas, c.mroas_ci90),
          "effect share": `${(100 * c.effect_share).toFixed(1)}%`,
          "spend share": `${(100 * c.spend_share).toFixed(1)}%`,
        })),
        { caption: "Every geo summed; 90% intervals in brackets" },
      ),
    }],
  };
}

function shrinkageSection(r: GeoResultJson): ReportSection {
  return {
    title: "What pooling does",
    blocks: [
      {
        kind: "text",
        text:
          `Each geo's ROAS fitted on its own data only (grey, no pooling) next to the same geo's ROAS in the panel model (blue). ${
            r.model.kind === "geo-bayes"
              ? "The hierarchical model pools partially: a geo's estimate is pulled towards the national one, the more the less its own data say."
              : "The classical panel model pools completely: every geo shares one coefficient per channel, so a geo's ROAS differs from the national one only through its spend level on the shared curve."
          } Grey estimates far from the dashed national line, with intervals that exclude it, are geos the pooled model does not describe. Intervals of the separate fits assume errors independent from week to week.`,
      },
      ...r.channels.map((c, j) => ({
        kind: "chart" as const,
        chart: plotGeoShrinkage(
          r.geo.geos.map((g) => {
            const e = g.channels[j]!;
            return {
              geo: g.name,
              separate: {
                value: e.separate_roas,
                ...(e.separate_roas_ci90 && { ci90: e.separate_roas_ci90 }),
              },
              pooled: { value: e.roas, ...(e.roas_ci90 && { ci90: e.roas_ci90 }) },
            };
          }),
          { channel: c.name, national: c.roas, pooledLabel: r.model.kind },
        ),
      })),
    ],
  };
}

function decompositionSection(r: GeoResultJson): ReportSection {
  const total = (x: readonly number[]) => x.reduce((a, v) => a + v, 0);
  return {
    title: "Decomposition by geo",
    blocks: [{
      kind: "table",
      table: new Table(
        r.geo.geos.map((g) => {
          const d = r.geo.decomposition[g.name]!;
          const media = r.channels.map((c) => total(d.channels[c.name] ?? []));
          const base = total(d.baseline), all = base + media.reduce((a, v) => a + v, 0);
          return {
            geo: g.name,
            baseline: fmt(base),
            ...Object.fromEntries(r.channels.map((c, j) => [c.name, fmt(media[j]!)])),
            "media share": `${(100 * (all - base) / all).toFixed(1)}%`,
          };
        }),
        { caption: "KPI over the training weeks: baseline and each channel's contribution" },
      ),
    }],
  };
}
