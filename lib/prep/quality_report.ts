/**
 * The data quality report: every check prep ran and every cleaning choice it applied, as an
 * object that shows itself as an HTML table in Jupyter and reports.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { type Table, table } from "../display/table.ts";

/** The outcome of one check or cleaning step. */
export type QualityStatus = "ok" | "info" | "fixed" | "warning";

/** One line of the data quality report. */
export interface QualityEntry {
  /** A stable machine-readable name, e.g. `"delimiter"`, `"missing-values"`. */
  readonly check: string;
  /** `ok` (passed), `info` (a detected setting), `fixed` (a policy changed data), `warning`. */
  readonly status: QualityStatus;
  /** What was found or done, for a reader. */
  readonly detail: string;
  /** The column concerned, if any. */
  readonly column?: string;
  /** Zero-based rows concerned (the first few), if any. */
  readonly rows?: readonly number[];
  /** The geos concerned, for panel data. */
  readonly geos?: readonly string[];
}

/** Per-column counts of what the loader saw before cleaning. */
export interface ColumnQuality {
  /** Column name as in the file. */
  readonly column: string;
  /** `date`, `geo`, `kpi`, `spend`, `exposure` or `control`. */
  readonly role: string;
  /** Rows read from the file. */
  readonly rows: number;
  /** Empty cells (before any missing-value policy). */
  readonly missing: number;
  /** Values changed or flagged by an outlier policy. */
  readonly outliers: number;
}

/**
 * One week a cleaning policy changed: which policy, where, and the value before and after. The
 * report keeps one of these for every cell a policy filled, dropped, capped or flagged, so a
 * reader can check each week by hand.
 */
export interface CleaningChange {
  /** The policy: `missing-values`, `duplicates` or `outliers`. */
  readonly check: "missing-values" | "duplicates" | "outliers";
  /** The week (ISO date of the row; the week start when daily rows were aggregated). */
  readonly date: string;
  /** The geo of the row, for panel data. */
  readonly geo?: string;
  /** The column as in the file. */
  readonly column: string;
  /** Zero-based data row in the file (the first of merged rows). */
  readonly row: number;
  /**
   * What was done: `interpolated`, `forward-filled`, `set to zero`, `dropped`, `winsorized`,
   * `flagged`, `dummy`, or `merged N rows by <rule>`.
   */
  readonly action: string;
  /** The value before (null for an empty cell or a merge). */
  readonly before: number | null;
  /** The value after (null for a dropped row or a merge). */
  readonly after: number | null;
}

/**
 * What prep found and did: shown as an HTML table in Jupyter, kept as JSON by reports.
 *
 * @example A report lists its warnings
 * ```ts
 * import { DataQualityReport } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * const r = new DataQualityReport("demo.csv", [
 *   { check: "delimiter", status: "info", detail: 'detected ";"' },
 *   { check: "bom", status: "warning", detail: "UTF-8 byte order mark removed" },
 * ], []);
 * assert.equal(r.warnings.length, 1);
 * assert.ok(r.toHtml().includes("delimiter"));
 * ```
 */
export class DataQualityReport {
  /** The file (or source description) the data came from. */
  readonly source: string;
  /** Checks and cleaning steps in the order they ran. */
  readonly entries: readonly QualityEntry[];
  /** Per-column counts. */
  readonly columns: readonly ColumnQuality[];
  /** Every cell a cleaning policy changed, week by week, in the order the policies ran. */
  readonly changes: readonly CleaningChange[];

  /** Makes a report; prep builds these, users read them. */
  constructor(
    source: string,
    entries: readonly QualityEntry[],
    columns: readonly ColumnQuality[],
    changes: readonly CleaningChange[] = [],
  ) {
    this.source = source;
    this.entries = entries;
    this.columns = columns;
    this.changes = changes;
  }

  /** The entries with status `warning`. */
  get warnings(): readonly QualityEntry[] {
    return this.entries.filter((e) => e.status === "warning");
  }

  /** The checks and steps as a table. */
  toTable(): Table {
    return table(
      this.entries.map((e) => ({
        check: e.check,
        status: e.status,
        column: e.column,
        detail: e.detail,
        rows: e.rows && e.rows.length > 0 ? e.rows.join(", ") : undefined,
      })),
      {
        caption: `Data quality: ${this.source}`,
        columns: ["check", "status", "column", "detail", "rows"],
      },
    );
  }

  /** The per-column counts as a table. */
  toColumnTable(): Table {
    return table(this.columns.map((c) => ({ ...c })), {
      caption: "Columns",
      columns: ["column", "role", "rows", "missing", "outliers"],
    });
  }

  /** What the cleaning policies changed, one row per week and column, in date order. */
  toChangeTable(): Table {
    const geo = this.changes.some((c) => c.geo !== undefined);
    return table(
      [...this.changes].sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0).map((c) => ({
        week: c.date,
        ...(geo ? { geo: c.geo } : {}),
        column: c.column,
        policy: c.check,
        action: c.action,
        before: c.before ?? (c.check === "missing-values" ? "empty" : undefined),
        after: c.after ?? undefined,
      })),
      {
        caption: "What the cleaning policies changed, week by week",
        columns: ["week", ...(geo ? ["geo"] : []), "column", "policy", "action", "before", "after"],
        digits: 8,
      },
    );
  }

  /** The tables as HTML, every user string escaped. */
  toHtml(): string {
    return `<div class="mixlab-quality">${this.toTable().toHtml()}${
      this.changes.length > 0 ? this.toChangeTable().toHtml() : ""
    }${this.columns.length > 0 ? this.toColumnTable().toHtml() : ""}</div>`;
  }

  /** The report as plain text. */
  toText(): string {
    return this.toTable().toText() +
      (this.changes.length > 0 ? "\n\n" + this.toChangeTable().toText() : "") +
      (this.columns.length > 0 ? "\n\n" + this.toColumnTable().toText() : "");
  }

  /** A plain JSON form. */
  toJSON(): {
    source: string;
    entries: readonly QualityEntry[];
    columns: readonly ColumnQuality[];
    changes: readonly CleaningChange[];
  } {
    return {
      source: this.source,
      entries: this.entries,
      columns: this.columns,
      changes: this.changes,
    };
  }

  /** Shows the report as HTML in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return { "text/html": this.toHtml(), "text/plain": this.toText() };
  }

  /** The class name shown by `Object.prototype.toString`. */
  get [Symbol.toStringTag](): string {
    return "DataQualityReport";
  }
}
