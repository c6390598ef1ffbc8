/**
 * One NUTS chain's sampler: the leapfrog integrator under a diagonal or dense metric, the
 * recursive multinomial tree building with the no-U-turn checks across subtree seams, and the
 * step size's initial heuristic (see `nuts.ts` for the references).
 *
 * @module
 */
import type { Rng } from "../../rng.ts";
import { choleskyInPlace } from "../../_internal/linalg.ts";
import { FitError } from "../../errors.ts";
import type { LogDensity } from "./nuts.ts";
import {
  copyPoint,
  logAddExp,
  makeOut,
  makePoint,
  noUTurn,
  noUTurnExtended,
  type PhasePoint,
  type SubtreeOut,
} from "./_phase_point.ts";

const MAX_DELTA_H = 1000;

/** One chain's sampler state, with every buffer allocated once. */
export class NutsChainSampler {
  readonly #target: LogDensity;
  readonly #dim: number;
  readonly #rng: Rng;
  readonly #maxDepth: number;
  /** Diagonal inverse metric (used when not dense). */
  readonly invMetric: Float64Array;
  /** Dense inverse metric Σ and its Cholesky factor L (Σ = L L'), row-major. */
  readonly dense: boolean;
  readonly covariance: Float64Array;
  readonly #cholesky: Float64Array;
  stepSize = 1;
  /** The current draw. */
  readonly current: PhasePoint;
  /** The state being integrated. */
  readonly #z: PhasePoint;
  /** Outer ends of the trajectory. */
  readonly #minus: PhasePoint;
  readonly #plus: PhasePoint;
  /** Per-depth child outputs: `#init[d]`, `#final[d]` are the two halves of a depth-d subtree. */
  readonly #initOut: SubtreeOut[] = [];
  readonly #finalOut: SubtreeOut[] = [];
  readonly #top: SubtreeOut;
  readonly #rho: Float64Array;
  readonly #pSharpMinus: Float64Array;
  readonly #pSharpPlus: Float64Array;
  readonly #pMinus: Float64Array;
  readonly #pPlus: Float64Array;
  readonly #scratch: Float64Array;
  #h0 = 0;
  #leapfrogs = 0;
  #sumMetro = 0;
  #divergent = false;
  // Statistics of the last transition.
  acceptStat = 0;
  depth = 0;
  leapfrogSteps = 0;
  divergent = false;
  energy = 0;

  constructor(target: LogDensity, rng: Rng, maxDepth: number, dense: boolean) {
    const dim = target.dim;
    this.#target = target;
    this.#dim = dim;
    this.#rng = rng;
    this.#maxDepth = maxDepth;
    this.invMetric = new Float64Array(dim).fill(1);
    this.dense = dense;
    this.covariance = new Float64Array(dense ? dim * dim : 0);
    this.#cholesky = new Float64Array(dense ? dim * dim : 0);
    for (let i = 0; dense && i < dim; i++) {
      this.covariance[i * dim + i] = 1;
      this.#cholesky[i * dim + i] = 1;
    }
    this.current = makePoint(dim);
    this.#z = makePoint(dim);
    this.#minus = makePoint(dim);
    this.#plus = makePoint(dim);
    for (let d = 0; d <= maxDepth; d++) {
      this.#initOut.push(makeOut(dim));
      this.#finalOut.push(makeOut(dim));
    }
    this.#top = makeOut(dim);
    this.#rho = new Float64Array(dim);
    this.#pSharpMinus = new Float64Array(dim);
    this.#pSharpPlus = new Float64Array(dim);
    this.#pMinus = new Float64Array(dim);
    this.#pPlus = new Float64Array(dim);
    this.#scratch = new Float64Array(dim);
  }

  /** Evaluates the target at `pt.theta`, filling `pt.grad` and `pt.logp` (NaN → -∞). */
  evaluate(pt: PhasePoint): void {
    const lp = this.#target.logDensityAndGradient(pt.theta, pt.grad);
    pt.logp = Number.isNaN(lp) ? -Infinity : lp;
  }

  /** ½ p·M⁻¹p from the point's own M⁻¹p. */
  #kinetic(pt: PhasePoint): number {
    const p = pt.p, q = pt.pSharp;
    let k = 0;
    for (let i = 0; i < this.#dim; i++) k += (p[i] as number) * (q[i] as number);
    return 0.5 * k;
  }

  /** Recomputes M⁻¹p and M⁻¹·grad of `pt` (after new momentum or a new metric). */
  #refreshSharp(pt: PhasePoint): void {
    this.#sharp(pt.p, pt.pSharp);
    this.#sharp(pt.grad, pt.gSharp);
  }

  /** Sets the dense inverse metric to `cov`; falls back to its diagonal if not positive definite. */
  setCovariance(cov: Float64Array): void {
    const dim = this.#dim, l = this.#cholesky;
    l.set(cov);
    if (choleskyInPlace(l, dim)) {
      this.covariance.set(cov);
      for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) l[i * dim + j] = 0;
      return;
    }
    this.covariance.fill(0);
    l.fill(0);
    for (let i = 0; i < dim; i++) {
      const v = cov[i * dim + i] as number;
      this.covariance[i * dim + i] = v;
      l[i * dim + i] = Math.sqrt(v);
    }
  }

  #hamiltonian(pt: PhasePoint): number {
    const h = -pt.logp + this.#kinetic(pt);
    return Number.isNaN(h) ? Infinity : h;
  }

  #sampleMomentum(p: Float64Array): void {
    const dim = this.#dim;
    if (this.dense) {
      // p ~ N(0, Σ⁻¹): solve L' p = z for z ~ N(0, I).
      const l = this.#cholesky;
      for (let i = 0; i < dim; i++) p[i] = this.#rng.normal();
      for (let i = dim - 1; i >= 0; i--) {
        let s = p[i] as number;
        for (let k = i + 1; k < dim; k++) s -= (l[k * dim + i] as number) * (p[k] as number);
        p[i] = s / (l[i * dim + i] as number);
      }
      return;
    }
    const m = this.invMetric;
    for (let i = 0; i < dim; i++) p[i] = this.#rng.normal() / Math.sqrt(m[i] as number);
  }

  #sharp(p: Float64Array, out: Float64Array): void {
    const dim = this.#dim;
    if (this.dense) {
      const c = this.covariance;
      for (let i = 0; i < dim; i++) {
        let s = 0;
        const o = i * dim;
        for (let k = 0; k < dim; k++) s += (c[o + k] as number) * (p[k] as number);
        out[i] = s;
      }
      return;
    }
    const m = this.invMetric;
    for (let i = 0; i < dim; i++) out[i] = (m[i] as number) * (p[i] as number);
  }

  /**
   * One leapfrog step. M⁻¹ is linear, so M⁻¹ of the half-step momentum p + ½ε·∇ is
   * M⁻¹p + ½ε·M⁻¹∇ from the point's stored products, and the only product computed is M⁻¹ of
   * the new gradient.
   */
  #leapfrog(pt: PhasePoint, eps: number): void {
    const { theta, p, grad, pSharp, gSharp } = pt;
    const half = 0.5 * eps, dim = this.#dim;
    for (let i = 0; i < dim; i++) {
      p[i] = (p[i] as number) + half * (grad[i] as number);
      const q = (pSharp[i] as number) + half * (gSharp[i] as number);
      pSharp[i] = q;
      theta[i] = (theta[i] as number) + eps * q;
    }
    this.evaluate(pt);
    this.#sharp(grad, gSharp);
    for (let i = 0; i < dim; i++) {
      p[i] = (p[i] as number) + half * (grad[i] as number);
      pSharp[i] = (pSharp[i] as number) + half * (gSharp[i] as number);
    }
  }

  /**
   * Stan's heuristic for a first step size: double or halve it until the acceptance
   * probability of one leapfrog step from the current point crosses 0.8.
   */
  initStepSize(): void {
    const z = this.#z;
    let direction = 0;
    for (let iter = 0; iter < 200; iter++) {
      copyPoint(z, this.current);
      this.#sampleMomentum(z.p);
      this.#refreshSharp(z);
      const h0 = this.#hamiltonian(z);
      this.#leapfrog(z, this.stepSize);
      const h = this.#hamiltonian(z);
      const dirNew = h0 - h > Math.log(0.8) ? 1 : -1;
      if (direction === 0) direction = dirNew;
      if (dirNew !== direction) return;
      this.stepSize = direction === 1 ? 2 * this.stepSize : 0.5 * this.stepSize;
      if (this.stepSize > 1e7) {
        throw new FitError("Cannot initialise the NUTS step size: the posterior looks improper", {
          hint: "check that every parameter has a proper prior",
        });
      }
      if (this.stepSize < 1e-300) {
        throw new FitError("Cannot initialise the NUTS step size: no step size is accepted", {
          hint: "check the log density and its gradient for NaN",
        });
      }
    }
  }

  /** One NUTS transition from `current`; the new draw replaces it. */
  transition(): void {
    const dim = this.#dim;
    const cur = this.current;
    this.#sampleMomentum(cur.p);
    this.#refreshSharp(cur);
    this.#h0 = this.#hamiltonian(cur);
    copyPoint(this.#minus, cur);
    copyPoint(this.#plus, cur);
    const rho = this.#rho;
    rho.set(cur.p);
    this.#pSharpMinus.set(cur.pSharp);
    this.#pSharpPlus.set(cur.pSharp);
    this.#pMinus.set(cur.p);
    this.#pPlus.set(cur.p);
    let logSumWeight = 0;
    this.#leapfrogs = 0;
    this.#sumMetro = 0;
    this.#divergent = false;
    let depth = 0;
    const top = this.#top;
    const scratch = this.#scratch;
    while (depth < this.#maxDepth) {
      const forward = this.#rng.uniform() > 0.5;
      const z = this.#z;
      copyPoint(z, forward ? this.#plus : this.#minus);
      const eps = forward ? this.stepSize : -this.stepSize;
      const valid = this.#buildTree(depth, z, eps, top);
      copyPoint(forward ? this.#plus : this.#minus, z);
      if (!valid) break;
      depth++;
      // Biased progressive sampling of the new subtree against the old trajectory.
      if (top.logSumWeight > logSumWeight) {
        copyPoint(cur, top.sample);
      } else if (this.#rng.uniform() < Math.exp(top.logSumWeight - logSumWeight)) {
        copyPoint(cur, top.sample);
      }
      logSumWeight = logAddExp(logSumWeight, top.logSumWeight);
      // The old trajectory is "bck" (left) or "fwd" (right) depending on the direction.
      // scratch = ρ of the old trajectory, before merging.
      scratch.set(rho);
      for (let i = 0; i < dim; i++) rho[i] = (rho[i] as number) + (top.rho[i] as number);
      let persist: boolean;
      if (forward) {
        // left = old trajectory [minus … oldPlus], right = new subtree [pBeg … pEnd].
        persist = noUTurn(this.#pSharpMinus, top.pSharpEnd, rho) &&
          noUTurnExtended(this.#pSharpMinus, top.pSharpBeg, scratch, top.pBeg) &&
          noUTurnExtended(this.#pSharpPlus, top.pSharpEnd, top.rho, this.#pPlus);
        this.#pSharpPlus.set(top.pSharpEnd);
        this.#pPlus.set(top.pEnd);
      } else {
        // left = new subtree [pEnd … pBeg], right = old trajectory [oldMinus … plus].
        persist = noUTurn(top.pSharpEnd, this.#pSharpPlus, rho) &&
          noUTurnExtended(top.pSharpBeg, this.#pSharpPlus, scratch, top.pBeg) &&
          noUTurnExtended(top.pSharpEnd, this.#pSharpMinus, top.rho, this.#pMinus);
        this.#pSharpMinus.set(top.pSharpEnd);
        this.#pMinus.set(top.pEnd);
      }
      if (!persist) break;
    }
    this.depth = depth;
    this.leapfrogSteps = this.#leapfrogs;
    this.divergent = this.#divergent;
    this.acceptStat = this.#leapfrogs > 0 ? this.#sumMetro / this.#leapfrogs : 0;
    this.energy = this.#hamiltonian(cur);
  }

  /**
   * Builds a subtree of 2^depth leapfrog steps from `z` in the direction of `eps`, leaving `z`
   * at its outer end. Returns false when it diverged or a sub-trajectory turned back.
   */
  #buildTree(depth: number, z: PhasePoint, eps: number, out: SubtreeOut): boolean {
    if (depth === 0) {
      this.#leapfrog(z, eps);
      this.#leapfrogs++;
      const delta = this.#hamiltonian(z) - this.#h0;
      if (delta > MAX_DELTA_H) {
        // deno-lint-ignore no-explicit-any
        (globalThis as any).__onDivergence?.(z.theta);
        this.#divergent = true;
        return false;
      }
      out.logSumWeight = -delta;
      this.#sumMetro += delta < 0 ? 1 : Math.exp(-delta);
      copyPoint(out.sample, z);
      out.rho.set(z.p);
      out.pBeg.set(z.p);
      out.pEnd.set(z.p);
      out.pSharpBeg.set(z.pSharp);
      out.pSharpEnd.set(z.pSharp);
      return true;
    }
    const init = this.#initOut[depth] as SubtreeOut;
    const fin = this.#finalOut[depth] as SubtreeOut;
    if (!this.#buildTree(depth - 1, z, eps, init)) return false;
    if (!this.#buildTree(depth - 1, z, eps, fin)) return false;
    const lsw = logAddExp(init.logSumWeight, fin.logSumWeight);
    out.logSumWeight = lsw;
    // Uniform (multinomial) sampling within the subtree.
    const pickFinal = this.#rng.uniform() < Math.exp(fin.logSumWeight - lsw);
    copyPoint(out.sample, pickFinal ? fin.sample : init.sample);
    const dim = this.#dim;
    for (let i = 0; i < dim; i++) out.rho[i] = (init.rho[i] as number) + (fin.rho[i] as number);
    const persist = noUTurn(init.pSharpBeg, fin.pSharpEnd, out.rho) &&
      noUTurnExtended(init.pSharpBeg, fin.pSharpBeg, init.rho, fin.pBeg) &&
      noUTurnExtended(init.pSharpEnd, fin.pSharpEnd, fin.rho, init.pEnd);
    out.pBeg.set(init.pBeg);
    out.pSharpBeg.set(init.pSharpBeg);
    out.pEnd.set(fin.pEnd);
    out.pSharpEnd.set(fin.pSharpEnd);
    return persist;
  }
}
