/**
 * Tables that show themselves: an HTML table in Jupyter and reports, aligned text elsewhere.
 *
 * @module
 */
import { escapeHtml, formatNumber } from "../_internal/html.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "./jupyter.ts";

/** A table cell: text is escaped, numbers are formatted, undefined shows as a dash. */
export type Cell = string | number | boolean | undefined;

/** Options of {@link table}. */
export interface TableOptions {
  /** A caption above the table. @default undefined */
  readonly caption?: string;
  /** Significant digits for numbers. @default 4 */
  readonly digits?: number;
  /** Column order; @default the keys of the first row */
  readonly columns?: readonly string[];
}

/**
 * A table of rows with named columns, displayed as HTML in Jupyter and reports.
 *
 * @example A two-row table escapes its text
 * ```ts
 * import { table } from "mixlab/display";
 * import assert from "node:assert/strict";
 * const t = table([{ channel: "<b>tv</b>", roas: 2.5 }, { channel: "search", roas: 1.25 }]);
 * assert.ok(t.toHtml().includes("&lt;b&gt;tv&lt;/b&gt;"));
 * assert.equal(t.rows.length, 2);
 * ```
 */
export class Table {
  /** The rows, as given. */
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  /** Column order. */
  readonly columns: readonly string[];
  /** Caption, if any. */
  readonly caption: string | undefined;
  readonly #digits: number;

  /** Makes a table; prefer {@link table}. */
  constructor(rows: readonly Readonly<Record<string, Cell>>[], options: TableOptions = {}) {
    this.rows = rows;
    this.columns = options.columns ?? Object.keys(rows[0] ?? {});
    this.caption = options.caption;
    this.#digits = options.digits ?? 4;
  }

  #cell(value: Cell): string {
    if (value === undefined) return "–";
    if (typeof value === "number") return formatNumber(value, this.#digits);
    return String(value);
  }

  /** The table as an HTML `<table>` with every cell escaped. */
  toHtml(): string {
    const head = this.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
    const body = this.rows.map((r) =>
      "<tr>" +
      this.columns.map((c) => {
        const v = r[c];
        const align = typeof v === "number" ? ' style="text-align:right"' : "";
        return `<td${align}>${escapeHtml(this.#cell(v))}</td>`;
      }).join("") + "</tr>"
    ).join("\n");
    const caption = this.caption ? `<caption>${escapeHtml(this.caption)}</caption>` : "";
    return `<table class="mixlab-table">${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  }

  /** The table as aligned plain text. */
  toText(): string {
    const cells = this.rows.map((r) => this.columns.map((c) => this.#cell(r[c])));
    const widths = this.columns.map((c, j) =>
      Math.max(c.length, ...cells.map((row) => (row[j] as string).length))
    );
    const line = (values: readonly string[]) =>
      values.map((v, j) => v.padEnd(widths[j] as number)).join("  ").trimEnd();
    const lines = [line(this.columns), ...cells.map(line)];
    return (this.caption ? this.caption + "\n" : "") + lines.join("\n");
  }

  /** Rows as plain objects (for JSON). */
  toJSON(): readonly Readonly<Record<string, Cell>>[] {
    return this.rows;
  }

  /** Shows the table as HTML in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return { "text/html": this.toHtml(), "text/plain": this.toText() };
  }
}

/** Makes a {@link Table} from rows of named cells. */
export function table(
  rows: readonly Readonly<Record<string, Cell>>[],
  options: TableOptions = {},
): Table {
  return new Table(rows, options);
}
