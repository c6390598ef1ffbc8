/**
 * Numbers on the planner page: amounts with thousands separators (compact for very large
 * totals), ratios with two decimals, signed changes, and the steps spends snap to.
 *
 * @module
 */

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", {
  notation: "compact",
  maximumSignificantDigits: 3,
});

/** An amount: whole units below 100 million, three significant digits (1.23B) above. */
export function amount(x: number): string {
  if (!Number.isFinite(x)) return "–";
  return Math.abs(x) >= 1e8 ? compact.format(x) : whole.format(x);
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

/** The step sliders and typed spends snap to: a power of 10, 1/10,000 to 1/1,000 of the range. */
export function spendStep(cap: number): number {
  return 10 ** (Math.floor(Math.log10(cap)) - 4);
}

/** `x` rounded to a multiple of `step` (a power of 10), without binary noise. */
export function roundTo(x: number, step: number): number {
  const digits = Math.max(0, -Math.round(Math.log10(step)));
  return Number((Math.round(x / step) * step).toFixed(digits));
}

/** A gain ("up"), a loss ("down") or neither (""), as a class name. */
export function trend(x: number): string {
  return Math.abs(x) < 0.5 ? "" : x > 0 ? "up" : "down";
}
