/**
 * The cleaning steps of assembling, each by the policy the options name (an error when they
 * name none): duplicate dates, missing values and outliers. Every change is logged week by week
 * in the quality report.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";
import type { NamedSeries } from "../types.ts";
import { isoFromDay } from "../dates.ts";
import { fillMissing, type MissingPolicy } from "./missing_values.ts";
import { findOutliers, winsorize } from "./outliers.ts";
import type { CleaningChange } from "./quality_report.ts";
import { optionName } from "./_read_columns.ts";
import {
  type AssembleContext,
  type Column,
  dayOfOrigin,
  duplicateChanges,
  mergeDuplicates,
  permute,
  type Rows,
  SAMPLE,
  segments,
  where,
} from "./_rows.ts";

const FILL_ACTIONS = {
  interpolate: "interpolated",
  "forward-fill": "forward-filled",
  zero: "set to zero",
} as const;

/** Rows with the same geo and date: an error, or merged by the duplicates policy. */
export function treatDuplicates(rows: Rows, ctx: AssembleContext): void {
  const { resolved, options, source, entries } = ctx;
  const duplicateRows: number[] = [];
  let duplicateCount = 0;
  for (let i = 1; i < rows.day.length; i++) {
    if (rows.geo[i] === rows.geo[i - 1] && rows.day[i] === rows.day[i - 1]) {
      duplicateCount++;
      if (duplicateRows.length < SAMPLE) duplicateRows.push(rows.origin[i] as number);
    }
  }
  if (duplicateCount === 0) {
    entries.push({ check: "duplicates", status: "ok", detail: "no duplicate dates" });
    return;
  }
  const policy = options.duplicates ?? "error";
  const dupDates = [...new Set(duplicateRows.map((r) => isoFromDay(dayOfOrigin(rows, r))))];
  if (policy === "error") {
    const setting = optionName(options, "duplicates");
    throw new MmmDataError(
      `Cannot load data: column "${resolved.date}" has ${duplicateCount} duplicate dates${
        resolved.geo !== undefined ? " within a geo" : ""
      } (${dupDates.slice(0, 3).map((d) => `"${d}"`).join(", ")})`,
      {
        column: resolved.date,
        rows: duplicateRows,
        dates: dupDates,
        file: source,
        hint: setting === undefined
          ? "remove the duplicates from the export"
          : `remove the duplicates, or set ${setting} to "first", "last", "sum" or "mean"`,
      },
    );
  }
  ctx.changes.push(...duplicateChanges(rows, resolved, policy));
  mergeDuplicates(rows, policy);
  entries.push({
    check: "duplicates",
    status: "fixed",
    column: resolved.date,
    rows: duplicateRows,
    detail: `${duplicateCount} duplicate rows merged by "${policy}"`,
  });
}

/** Empty cells: an error, or filled or dropped by the missing-value policy of the column's role. */
export function treatMissing(rows: Rows, ctx: AssembleContext): void {
  const policies = ctx.options.missing ?? {};
  const policyOf = (c: Column): MissingPolicy =>
    c.role === "population"
      ? "error"
      : (c.role === "kpi"
        ? policies.kpi
        : c.role === "control"
        ? policies.controls
        : policies.spend) ??
        "error";
  const drop = new Uint8Array(rows.day.length);
  let anyDrop = false;
  for (const c of rows.columns) {
    const policy = policyOf(c);
    if (logMissing(rows, c, policy, drop, ctx) && policy === "drop") anyDrop = true;
  }
  if (anyDrop) {
    const keep: number[] = [];
    for (let i = 0; i < drop.length; i++) if (drop[i] === 0) keep.push(i);
    permute(rows, Uint32Array.from(keep));
  }
  for (const c of rows.columns) {
    const policy = policyOf(c);
    if (c.missing === 0 || policy === "drop" || policy === "error") continue;
    const empty: number[] = [];
    for (let i = 0; i < c.values.length; i++) if (Number.isNaN(c.values[i])) empty.push(i);
    for (const [start, end] of segments(rows.geo)) {
      c.values = fillMissing(c.values, { method: policy, start, end });
    }
    const changes = ctx.changes;
    for (const i of empty) {
      const k = changes.findIndex((ch) =>
        ch.check === "missing-values" && ch.column === c.column && ch.row === rows.origin[i]
      );
      changes[k] = { ...changes[k] as CleaningChange, after: c.values[i] as number };
    }
  }
}

/**
 * Counts a column's empty cells, throws when its policy is "error", and logs one change per cell
 * (marking rows to drop); returns whether the column has empty cells.
 */
function logMissing(
  rows: Rows,
  c: Column,
  policy: MissingPolicy,
  drop: Uint8Array,
  ctx: AssembleContext,
): boolean {
  const { options, source, resolved } = ctx;
  const sample: number[] = [];
  for (let i = 0; i < c.values.length; i++) {
    if (Number.isNaN(c.values[i])) {
      c.missing++;
      if (sample.length < SAMPLE) sample.push(rows.origin[i] as number);
    }
  }
  if (c.missing === 0) return false;
  if (policy === "error") {
    const setting = c.role === "population" ? undefined : optionName(
      options,
      c.role === "kpi"
        ? "missing.kpi"
        : c.role === "control"
        ? "missing.controls"
        : "missing.spend",
    );
    throw new MmmDataError(
      `Cannot load data: column "${c.column}" has ${c.missing} empty cells`,
      {
        column: c.column,
        rows: sample,
        dates: sample.map((r) => isoFromDay(dayOfOrigin(rows, r))),
        file: source,
        hint: setting === undefined
          ? "fill them in the file"
          : `fill them in the file, or set ${setting} to "interpolate", "forward-fill", "zero" or "drop"`,
      },
    );
  }
  for (let i = 0; i < c.values.length; i++) {
    if (!Number.isNaN(c.values[i])) continue;
    if (policy === "drop") drop[i] = 1;
    ctx.changes.push({
      check: "missing-values",
      ...where(rows, i, resolved),
      column: c.column,
      action: policy === "drop" ? "dropped" : FILL_ACTIONS[policy],
      before: null,
      after: null,
    });
  }
  ctx.entries.push({
    check: "missing-values",
    status: "fixed",
    column: c.column,
    rows: sample,
    detail: `${c.missing} empty cells: ${policy}`,
  });
  return true;
}

/**
 * Finds outliers per geo in the columns the outlier policy names and flags, winsorizes or
 * dummies them; returns the dummy controls it adds.
 */
export function treatOutliers(rows: Rows, ctx: AssembleContext): NamedSeries[] {
  const extraControls: NamedSeries[] = [];
  const policy = ctx.options.outliers;
  if (policy === undefined) return extraControls;
  const action = policy.action ?? "flag";
  const method = policy.method ?? "iqr";
  const targets = policy.columns ?? [ctx.options.columns.kpi];
  for (const target of targets) {
    const c = rows.columns.find((col) => col.column === target || col.column.trim() === target);
    if (c === undefined) {
      const setting = optionName(ctx.options, "outliers.columns") ?? "outliers.columns";
      throw new MmmDataError(`Cannot treat outliers: column "${target}" is not a mapped column`, {
        column: target,
        key: setting,
        hint: `list the KPI, spend or control columns to check in ${setting}`,
      });
    }
    const found: number[] = [];
    const dummy = new Float64Array(c.values.length);
    let treated = c.values;
    for (const [start, end] of segments(rows.geo)) {
      const part = c.values.subarray(start, end);
      const r = findOutliers(part, {
        method,
        ...(policy.threshold !== undefined ? { threshold: policy.threshold } : {}),
      });
      for (const row of r.rows) {
        found.push(start + row);
        dummy[start + row] = 1;
      }
      if (action === "winsorize" && r.rows.length > 0) {
        if (treated === c.values) treated = c.values.slice();
        treated.set(winsorize(part, r.lower, r.upper), start);
      }
    }
    c.outliers = found.length;
    for (const i of found) {
      ctx.changes.push({
        check: "outliers",
        ...where(rows, i, ctx.resolved),
        column: c.column,
        action: action === "winsorize" ? "winsorized" : action === "dummy" ? "dummy" : "flagged",
        before: c.values[i] as number,
        after: treated[i] as number,
      });
    }
    if (action === "winsorize") c.values = treated;
    if (action === "dummy" && found.length > 0) {
      extraControls.push({ name: `${target}_outlier`, values: dummy });
    }
    ctx.entries.push({
      check: "outliers",
      status: found.length === 0 ? "ok" : action === "flag" ? "warning" : "fixed",
      column: c.column,
      rows: found.slice(0, SAMPLE).map((i) => rows.origin[i] as number),
      detail: `${found.length} outliers by ${method}${
        found.length > 0
          ? `: ${
            action === "flag"
              ? "flagged"
              : action === "dummy"
              ? `dummy "${target}_outlier" added`
              : "winsorized"
          }`
          : ""
      }`,
    });
  }
  return extraControls;
}
