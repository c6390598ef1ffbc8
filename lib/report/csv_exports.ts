/**
 * The CSV files `mmm fit` and `mmm optimize` write beside result.json for BI tools (Power BI,
 * Looker Studio, Tableau, a spreadsheet), each built from the same numbers as the JSON:
 *
 * - `decomposition.csv`: one row per week: `date`, `actual`, `fitted`, then one column per term
 *   (intercept, trend, seasonality, events, controls, channels) in KPI units; the terms of a row
 *   add up to `fitted`.
 * - `channels.csv`: the channel table: spend, contribution, ROAS, mROAS, CPA, effect and spend
 *   shares, 90% intervals where the model has draws, and the transforms.
 * - `response_curves.csv`: one row per channel and point of its steady-state weekly response
 *   curve: `channel`, `spend`, `response`, `roas`, `current` (1 on the current operating point).
 * - `allocation.csv`: one row per channel of a budget allocation.
 *
 * @module
 */
import type { AllocationResult } from "../optimize/allocation_result.ts";
import { type CsvField, toCsv } from "./csv.ts";
import type { ResultJson } from "./result_json.ts";

const FIXED = ["date", "actual", "fitted"];

/** The header of a term's column in `decomposition.csv` (`<name> (term)` if it is taken). */
export function termColumn(name: string): string {
  return FIXED.includes(name) ? `${name} (term)` : name;
}

/** `decomposition.csv`: week × term, with the actual and fitted KPI. */
export function decompositionCsv(result: ResultJson): string {
  const d = result.decomposition;
  const terms: [string, readonly number[]][] = [
    ...Object.entries(d.terms),
    ...Object.entries(d.channels),
  ];
  const rows = d.dates.map((date, t) => {
    const row: Record<string, CsvField> = { date, actual: d.actual[t], fitted: d.fitted[t] };
    for (const [name, values] of terms) row[termColumn(name)] = values[t];
    return row;
  });
  return toCsv(rows, [...FIXED, ...terms.map(([name]) => termColumn(name))]);
}

const params = (p: Readonly<Record<string, number>>) =>
  Object.entries(p).map(([k, v]) => `${k}=${v}`).join(";");

/** `channels.csv`: one row per channel, the figures of result.json's `channels`. */
export function channelsCsv(result: ResultJson): string {
  const rows = result.channels.map((c) => ({
    channel: c.name,
    spend: c.spend,
    contribution: c.contribution,
    roas: c.roas,
    mroas: c.mroas,
    cpa: c.cpa,
    effect_share: c.effect_share,
    spend_share: c.spend_share,
    roas_low: c.roas_ci90?.[0],
    roas_high: c.roas_ci90?.[1],
    mroas_low: c.mroas_ci90?.[0],
    mroas_high: c.mroas_ci90?.[1],
    contribution_low: c.contribution_ci90?.[0],
    contribution_high: c.contribution_ci90?.[1],
    adstock: c.params.adstock.kind,
    adstock_params: params(c.params.adstock.params),
    saturation: c.params.saturation.kind,
    saturation_params: params(c.params.saturation.params),
    scale: c.params.scale,
  }));
  return toCsv(rows, [
    "channel",
    "spend",
    "contribution",
    "roas",
    "mroas",
    "cpa",
    "effect_share",
    "spend_share",
    "roas_low",
    "roas_high",
    "mroas_low",
    "mroas_high",
    "contribution_low",
    "contribution_high",
    "adstock",
    "adstock_params",
    "saturation",
    "saturation_params",
    "scale",
  ]);
}

/** `response_curves.csv`: the points of result.json's `response_curves`, long format. */
export function responseCurvesCsv(result: ResultJson): string {
  const rows: Record<string, CsvField>[] = [];
  for (const c of result.response_curves) {
    c.spend.forEach((s, i) => {
      const r = c.response[i] as number;
      rows.push({
        channel: c.channel,
        spend: s,
        response: r,
        roas: s > 0 ? r / s : null,
        current: 0,
      });
    });
    rows.push({
      channel: c.channel,
      spend: c.current.spend,
      response: c.current.response,
      roas: c.current.roas,
      current: 1,
    });
  }
  return toCsv(rows, ["channel", "spend", "response", "roas", "current"]);
}

/** `allocation.csv`: one row per channel of an allocation. */
export function allocationCsv(allocation: AllocationResult): string {
  const rows = allocation.channels.map((c) => ({
    channel: c.name,
    current_spend: c.currentSpend,
    optimal_spend: c.optimalSpend,
    change: c.change,
    change_pct: c.changePct,
    current_response: c.currentResponse,
    optimal_response: c.optimalResponse,
    roas: c.roas,
    marginal_roas: c.marginalRoas,
    lower_bound: c.lowerBound,
    upper_bound: c.upperBound,
    binding: c.binding,
  }));
  return toCsv(rows, [
    "channel",
    "current_spend",
    "optimal_spend",
    "change",
    "change_pct",
    "current_response",
    "optimal_response",
    "roas",
    "marginal_roas",
    "lower_bound",
    "upper_bound",
    "binding",
  ]);
}
