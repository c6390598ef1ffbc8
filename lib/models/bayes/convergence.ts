/**
 * Convergence diagnostics of MCMC draws, as recommended by Vehtari, Gelman, Simpson, Carpenter &
 * Bürkner (2021), "Rank-normalization, folding, and localization: an improved R-hat for assessing
 * convergence of MCMC", Bayesian Analysis 16(2): split chains, rank-normalised split R-hat (the
 * larger of the bulk and the folded value), bulk ESS on rank-normalised split chains and tail ESS
 * from the 5% and 95% quantile indicators. ESS uses Geyer's initial monotone sequence on the
 * biased autocovariance, as in Stan and the R package `posterior`.
 *
 * Every function takes one parameter's draws as one `Float64Array` per chain (equal lengths).
 *
 * @module
 */
import normalQuantile from "@stdlib/dist-normal-quantile";
import { quantileSorted } from "../../_internal/quantile.ts";

function checkChains(chains: readonly Float64Array[], what: string): number {
  if (chains.length === 0) {
    throw new RangeError(`Cannot compute ${what}: no chains were given`);
  }
  const n = (chains[0] as Float64Array).length;
  for (const c of chains) {
    if (c.length !== n) {
      throw new RangeError(
        `Cannot compute ${what}: chains must have equal lengths, got ${n} and ${c.length}`,
      );
    }
  }
  if (n < 4) {
    throw new RangeError(`Cannot compute ${what}: each chain needs at least 4 draws, got ${n}`);
  }
  return n;
}

/** Splits each chain into its first and second half (the middle draw of an odd chain is dropped). */
export function splitChains(chains: readonly Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const c of chains) {
    const half = Math.floor(c.length / 2);
    out.push(c.subarray(0, half), c.subarray(c.length - half));
  }
  return out;
}

function pooledSorted(chains: readonly Float64Array[]): Float64Array {
  let total = 0;
  for (const c of chains) total += c.length;
  const all = new Float64Array(total);
  let o = 0;
  for (const c of chains) {
    all.set(c, o);
    o += c.length;
  }
  return all.sort();
}

/**
 * Rank-normalises pooled draws: z = Φ⁻¹((r − 3/8) / (S + 1/4)) with average ranks for ties
 * (Vehtari et al. 2021, eq. 14). Returns arrays shaped like the input.
 */
function zScale(chains: readonly Float64Array[]): Float64Array[] {
  let total = 0;
  for (const c of chains) total += c.length;
  const values = new Float64Array(total);
  let o = 0;
  for (const c of chains) {
    values.set(c, o);
    o += c.length;
  }
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  const z = new Float64Array(total);
  let i = 0;
  while (i < total) {
    let j = i;
    const v = values[order[i] as number] as number;
    while (j + 1 < total && values[order[j + 1] as number] === v) j++;
    const rank = (i + j) / 2 + 1; // average 1-based rank of the tie group
    const zv = normalQuantile((rank - 0.375) / (total + 0.25), 0, 1);
    for (let k = i; k <= j; k++) z[order[k] as number] = zv;
    i = j + 1;
  }
  const out: Float64Array[] = [];
  o = 0;
  for (const c of chains) {
    out.push(z.subarray(o, o + c.length));
    o += c.length;
  }
  return out;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s / x.length;
}

function sampleVariance(x: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] as number) - m;
    s += d * d;
  }
  return s / (x.length - 1);
}

/** The classic potential scale reduction on chains as given (no splitting, no ranks). */
function rhatBasic(chains: readonly Float64Array[]): number {
  const m = chains.length, n = (chains[0] as Float64Array).length;
  const means = new Float64Array(m);
  let w = 0;
  for (let k = 0; k < m; k++) {
    const c = chains[k] as Float64Array;
    const mu = mean(c);
    means[k] = mu;
    w += sampleVariance(c, mu);
  }
  w /= m;
  const b = n * sampleVariance(means, mean(means));
  if (!(w > 0)) return NaN;
  return Math.sqrt((b / w + n - 1) / n);
}

/**
 * ESS of chains as given, by Geyer's initial monotone sequence on the multi-chain
 * autocorrelation (Stan Reference Manual, "Effective sample size"; Vehtari et al. 2021, eq. 10).
 */
function essBasic(chains: readonly Float64Array[]): number {
  const m = chains.length, n = (chains[0] as Float64Array).length;
  const centred: Float64Array[] = [];
  const means = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const c = chains[k] as Float64Array;
    const mu = mean(c);
    means[k] = mu;
    const x = new Float64Array(n);
    for (let t = 0; t < n; t++) x[t] = (c[t] as number) - mu;
    centred.push(x);
  }
  // Mean over chains of the biased autocovariance at `lag`, times n/(n-1).
  const meanAcov = (lag: number): number => {
    let s = 0;
    for (const x of centred) {
      let a = 0;
      for (let t = 0; t + lag < n; t++) a += (x[t] as number) * (x[t + lag] as number);
      s += a / n;
    }
    return (s / m) * (n / (n - 1));
  };
  const meanVar = meanAcov(0);
  let varPlus = meanVar * (n - 1) / n;
  if (m > 1) varPlus += sampleVariance(means, mean(means));
  if (!(varPlus > 0)) return NaN;
  const rho = new Float64Array(n);
  rho[0] = 1;
  let rhoEven = 1;
  let rhoOdd = 1 - (meanVar - meanAcov(1)) / varPlus;
  rho[1] = rhoOdd;
  let t = 0;
  while (t < n - 5 && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = 1 - (meanVar - meanAcov(t)) / varPlus;
    rhoOdd = 1 - (meanVar - meanAcov(t + 1)) / varPlus;
    if (rhoEven + rhoOdd >= 0) {
      rho[t] = rhoEven;
      rho[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  if (rhoEven > 0) rho[maxT] = rhoEven;
  // Initial monotone sequence.
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    const prev = (rho[t - 2] as number) + (rho[t - 1] as number);
    if ((rho[t] as number) + (rho[t + 1] as number) > prev) {
      rho[t] = prev / 2;
      rho[t + 1] = prev / 2;
    }
  }
  let sum = 0;
  for (let i = 0; i < maxT; i++) sum += rho[i] as number;
  const total = m * n;
  let tau = -1 + 2 * sum + (rho[maxT] as number);
  tau = Math.max(tau, 1 / Math.log10(total));
  return total / tau;
}

/**
 * Rank-normalised split R-hat: the larger of the bulk R-hat (rank-normalised split chains) and
 * the tail R-hat (the same on |x − median|). Values below 1.01 indicate convergence (Vehtari et
 * al. 2021). NaN when every draw is equal.
 *
 * @param chains One parameter's draws, one array per chain, of equal lengths (at least 4).
 * @returns The R-hat statistic.
 * @throws {RangeError} When there are no chains, chains differ in length, or are shorter than 4.
 *
 * @example Two chains stuck in different places give a large R-hat
 * ```ts
 * import { rhat } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const a = Float64Array.from({ length: 100 }, (_, i) => Math.sin(i));
 * const b = a.map((v) => v + 5);
 * assert.ok(rhat([a, b]) > 1.5);
 * ```
 */
export function rhat(chains: readonly Float64Array[]): number {
  checkChains(chains, "R-hat");
  const split = splitChains(chains);
  const bulk = rhatBasic(zScale(split));
  const median = quantileSorted(pooledSorted(chains), 0.5);
  const folded = split.map((c) => c.map((v) => Math.abs(v - median)));
  const tail = rhatBasic(zScale(folded));
  return Math.max(bulk, tail);
}

/**
 * Bulk effective sample size: ESS of the rank-normalised split chains, a measure of how well
 * the centre of the distribution is explored (Vehtari et al. 2021). NaN when every draw is equal.
 *
 * @param chains One parameter's draws, one array per chain, of equal lengths (at least 4).
 * @returns The bulk ESS.
 * @throws {RangeError} When there are no chains, chains differ in length, or are shorter than 4.
 *
 * @example Independent draws have an ESS near their number
 * ```ts
 * import { Rng } from "mixlab/rng.ts";
 * import { essBulk } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const rng = new Rng(1);
 * const c = Float64Array.from({ length: 400 }, () => rng.normal());
 * const ess = essBulk([c.subarray(0, 200), c.subarray(200)]);
 * assert.ok(ess > 200 && ess < 800);
 * ```
 */
export function essBulk(chains: readonly Float64Array[]): number {
  checkChains(chains, "bulk ESS");
  return essBasic(zScale(splitChains(chains)));
}

/**
 * Tail effective sample size: the smaller ESS of the indicators x ≤ q₀.₀₅ and x ≤ q₀.₉₅ on split
 * chains, a measure of how well 90% intervals are estimated (Vehtari et al. 2021). NaN when every
 * draw is equal.
 *
 * @param chains One parameter's draws, one array per chain, of equal lengths (at least 4).
 * @returns The tail ESS.
 * @throws {RangeError} When there are no chains, chains differ in length, or are shorter than 4.
 *
 * @example The tail ESS of independent draws is near their number
 * ```ts
 * import { Rng } from "mixlab/rng.ts";
 * import { essTail } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const rng = new Rng(2);
 * const c = Float64Array.from({ length: 400 }, () => rng.normal());
 * const ess = essTail([c.subarray(0, 200), c.subarray(200)]);
 * assert.ok(ess > 200 && ess < 800);
 * ```
 */
export function essTail(chains: readonly Float64Array[]): number {
  checkChains(chains, "tail ESS");
  const sorted = pooledSorted(chains);
  let best = Infinity;
  for (const prob of [0.05, 0.95]) {
    const q = quantileSorted(sorted, prob);
    const indicator = chains.map((c) => c.map((v) => (v <= q ? 1 : 0)));
    const ess = essBasic(splitChains(indicator));
    if (Number.isNaN(ess)) return NaN;
    best = Math.min(best, ess);
  }
  return best;
}
