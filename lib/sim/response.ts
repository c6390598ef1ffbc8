/**
 * The truth of a simulated channel: its contribution series, ROAS, marginal ROAS at the actual
 * spend, and its steady-state response curve, all for the media term
 * `coefficient · saturation(u)` with `u = adstock(spend / scale) / gain`, the models' saturation
 * input (`saturationInput` in transforms).
 *
 * @module
 */
import type { ChannelSpec } from "../types.ts";
import { applySaturation, saturationInput } from "../transforms/apply_channel.ts";

/** A channel spec with its scale filled in, plus the coefficient of its media term. */
export interface TrueChannel extends ChannelSpec {
  /** Spend divisor (the mean weekly spend over the simulated period). */
  readonly scale: number;
  /** KPI units per unit of saturated, adstocked scaled spend. */
  readonly coefficient: number;
}

/** One point of a steady-state response curve. */
export interface ResponsePoint {
  /** Weekly spend held constant. */
  readonly spend: number;
  /** Weekly KPI contribution once adstock has reached its steady state. */
  readonly response: number;
  /** response / spend (0 at zero spend). */
  readonly roas: number;
  /** d response / d spend at this spend. */
  readonly mroas: number;
}

/**
 * Derivative of a saturation with respect to its input: closed form for `hill`, `logistic` and
 * `identity`, otherwise a central difference with relative step 1e-6.
 */
export function saturationDerivative(
  x: Float64Array,
  saturation: ChannelSpec["saturation"],
): Float64Array {
  const p = saturation.params;
  const out = new Float64Array(x.length);
  if (saturation.kind === "hill") {
    const k = p.halfSaturation as number, a = p.shape as number, ka = Math.pow(k, a);
    for (let i = 0; i < x.length; i++) {
      const v = x[i] as number;
      if (v <= 0) {
        out[i] = a === 1 ? 1 / k : a < 1 ? Infinity : 0;
        continue;
      }
      const va = Math.pow(v, a);
      out[i] = a * ka * va / v / ((va + ka) * (va + ka));
    }
    return out;
  }
  if (saturation.kind === "logistic") {
    // d/dx tanh(λx/2) = (λ/2)·(1 − tanh²(λx/2))
    const half = (p.lambda as number) / 2;
    for (let i = 0; i < x.length; i++) {
      const th = Math.tanh(half * (x[i] as number));
      out[i] = half * (1 - th * th);
    }
    return out;
  }
  if (saturation.kind === "identity") return out.fill(1);
  const h = x.map((v) => 1e-6 * Math.max(Math.abs(v), 1e-3));
  const up = applySaturation(x.map((v, i) => v + (h[i] as number)), saturation);
  const down = applySaturation(x.map((v, i) => v - (h[i] as number)), saturation);
  for (let i = 0; i < x.length; i++) {
    out[i] = ((up[i] as number) - (down[i] as number)) / (2 * (h[i] as number));
  }
  return out;
}

/** Weekly contribution `coefficient · saturation(u)`, u the saturation input. */
export function channelContribution(spend: Float64Array, channel: TrueChannel): Float64Array {
  const saturated = applySaturation(saturationInput(spend, channel), channel.saturation);
  return saturated.map((v) => channel.coefficient * v);
}

/**
 * Marginal ROAS at the actual spend: the derivative of total contribution with respect to a
 * proportional increase of every week's spend, per unit of extra spend,
 * `mROAS = d/dε Σ_t C_t(s·(1+ε)) / Σ_t s_t` at ε = 0. The saturation input u is linear in
 * spend, so this is `coefficient · Σ_t sat'(u_t)·u_t / Σ_t s_t` (analytic).
 */
export function marginalRoas(spend: Float64Array, channel: TrueChannel): number {
  const u = saturationInput(spend, channel);
  const slope = saturationDerivative(u, channel.saturation);
  let numerator = 0, total = 0;
  for (let t = 0; t < spend.length; t++) {
    numerator += (slope[t] as number) * (u[t] as number);
    total += spend[t] as number;
  }
  return total > 0 ? channel.coefficient * numerator / total : 0;
}

/**
 * Steady-state response curve: weekly contribution when `spend` is held constant long enough
 * for adstock to settle, `coefficient · sat(spend / scale)` (the saturation input of a settled
 * constant spend is spend / scale, whatever the adstock).
 */
export function steadyStateResponse(
  spends: readonly number[],
  channel: TrueChannel,
): ResponsePoint[] {
  const x = Float64Array.from(spends, (s) => s / channel.scale);
  const y = applySaturation(x, channel.saturation);
  const dy = saturationDerivative(x, channel.saturation);
  return spends.map((spend, i) => ({
    spend,
    response: channel.coefficient * (y[i] as number),
    roas: spend > 0 ? channel.coefficient * (y[i] as number) / spend : 0,
    mroas: channel.coefficient * (dy[i] as number) / channel.scale,
  }));
}
