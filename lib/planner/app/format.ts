/**
 * Number formats of the planner page: money and KPI amounts with thousands separators, compact
 * forms for large totals, ratios with two decimals and signed changes.
 *
 * @module
 */

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", {
  notation: "compact",
  maximumSignificantDigits: 3,
});

/** An amount: whole units below a million, three significant digits (1.23M) above. */
export function amount(x: number): string {
  if (!Number.isFinite(x)) return "–";
  return Math.abs(x) >= 1e6 ? compact.format(x) : whole.format(x);
}

/** An amount with its sign (+1,200 or −300). */
export function signedAmount(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const text = amount(Math.abs(x));
  return Math.round(x) === 0 ? "±0" : `${x > 0 ? "+" : "−"}${text}`;
}

/** A ratio with two decimals (ROAS, mROAS). */
export function ratio(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : "–";
}

/** A relative change as a signed percentage (+12.5%). */
export function percent(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const p = 100 * x;
  if (Math.abs(p) < 0.05) return "±0%";
  return `${p > 0 ? "+" : "−"}${Math.abs(p).toFixed(Math.abs(p) < 10 ? 1 : 0)}%`;
}
