/**
 * The regressors of both mediation stages, built from the MMM's design matrix, and the
 * counterfactual the indirect effect is measured by: the mediator's stage-2 column when the part
 * of its level that stage 1 attributes to an upstream channel is removed.
 *
 * @module
 */
import type { MmmData, ModelSpec } from "../types.ts";
import { type DenseMatrix, fromColumns } from "../_internal/linalg.ts";
import {
  type DesignBasis,
  designBasis,
  type DesignMatrix,
  designMatrix,
  mediaColumn,
} from "../models/design_matrix.ts";
import { praisWinsten } from "./_prais_winsten.ts";
import type { FitMediationOptions } from "./fit_mediation.ts";

/** The options of `fitMediation` with the KPI model's spec resolved (from `model` or `spec`). */
export type MediationInputs = Omit<FitMediationOptions, "model" | "spec"> & {
  readonly spec: ModelSpec;
};

/** The options of `fitMediation` with defaults filled in and checked. */
export interface MediationSettings {
  readonly level: number;
  readonly method: "normal" | "bootstrap" | "monte-carlo";
  readonly replicates: number;
  readonly stage1Features: "media" | "spend";
  readonly stage1Errors: "independent" | "ar1";
  /** Whether the mediator is a channel (else a control). */
  readonly mediatorIsChannel: boolean;
}

/** Both stages' regressors, and how the mediator's column answers a change of its level. */
export interface MediationDesign {
  readonly basis: DesignBasis;
  readonly design: DesignMatrix;
  readonly cols: DesignMatrix["columns"];
  /** Stage-2 column of the mediator and of each upstream channel. */
  readonly mediatorCol: number;
  readonly upstreamCols: readonly number[];
  /** Stage 1's non-media columns. */
  readonly rest1: readonly { c: DesignMatrix["columns"][number]; v: Float64Array }[];
  /** 1 where a geo's rows begin. */
  readonly starts: Uint8Array;
  /** Stage 1's design and response, whitened for AR(1) errors when asked. */
  readonly whitened: { x: DenseMatrix; y: Float64Array; rho: number };
  readonly x2: DenseMatrix;
  /** Σ of each upstream channel's stage-2 column. */
  readonly featureSums2: readonly number[];
  /** Σ g(M) − Σ g(M without shares_j · f_j of each upstream channel). */
  removed(shares: readonly number[]): number;
  /** What upstream channel j induces in Σ g(M) at stage-1 coefficient a. */
  inducedBy(j: number, a: number): number;
  spendOf(name: string): Float64Array;
  stage2Index(name: string): number;
}

/** Stage 2: the MMM design. Stage 1: upstream features and the non-media columns. */
export function mediationDesign(
  data: MmmData,
  options: MediationInputs,
  settings: MediationSettings,
): MediationDesign {
  const spec = options.spec;
  const { stage1Features, stage1Errors, mediatorIsChannel } = settings;
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const cols = design.columns;
  const n = data.dates.length;
  const ones = new Float64Array(n).fill(1);
  const stage2Index = (name: string) => cols.findIndex((c) => c.name === name);
  const mediatorCol = stage2Index(options.mediator);
  const upstreamCols = options.upstream.map(stage2Index);
  const mediatorChannel = basis.spec.channels.find((c) => c.name === options.mediator);
  const mediatorValues = mediatorIsChannel
    ? (data.channels.find((c) => c.name === options.mediator)?.spend as Float64Array)
    : (data.controls.find((c) => c.name === options.mediator)?.values as Float64Array);
  const spendOf = (name: string) =>
    data.channels.find((c) => c.name === name)?.spend as Float64Array;
  const features1 = options.upstream.map((u, j) =>
    stage1Features === "spend" ? spendOf(u) : design.values[upstreamCols[j] as number]!
  );
  const rest1 = cols
    .map((c, i) => ({ c, v: design.values[i] as Float64Array }))
    .filter(({ c }) => c.group !== "media" && c.name !== options.mediator);
  const columns1 = [ones, ...features1, ...rest1.map((r) => r.v)];
  const starts = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = i === 0 || data.geo?.values[i] !== data.geo?.values[i - 1] ? 1 : 0;
  }
  const whitened = stage1Errors === "ar1"
    ? praisWinsten(columns1, mediatorValues, starts)
    : { x: fromColumns(columns1), y: mediatorValues, rho: 0 };
  const x2 = fromColumns([ones, ...design.values]);
  const k = options.upstream.length;

  // g(M) and the counterfactual mediator column without upstream j's induced part.
  const gOf = (m: Float64Array): Float64Array =>
    mediatorChannel === undefined
      ? m
      : mediaColumn(withSpend(data, options.mediator, m), mediatorChannel);
  const gActual = design.values[mediatorCol] as Float64Array;
  const sumG = sum(gActual);
  const removed = (shares: readonly number[]): number => {
    const m = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = mediatorValues[i] as number;
      for (let j = 0; j < k; j++) {
        v -= (shares[j] as number) * ((features1[j] as Float64Array)[i] as number);
      }
      m[i] = mediatorIsChannel ? Math.max(0, v) : v;
    }
    return sumG - sum(gOf(m));
  };
  const inducedBy = (j: number, a: number): number =>
    removed(Array.from({ length: k }, (_, i) => (i === j ? a : 0)));
  const featureSums2 = upstreamCols.map((c) => sum(design.values[c] as Float64Array));

  return {
    basis,
    design,
    cols,
    mediatorCol,
    upstreamCols,
    rest1,
    starts,
    whitened,
    x2,
    featureSums2,
    removed,
    inducedBy,
    spendOf,
    stage2Index,
  };
}

function withSpend(data: MmmData, channel: string, spend: Float64Array): MmmData {
  return {
    ...data,
    channels: data.channels.map((c) => (c.name === channel ? { name: c.name, spend } : c)),
  };
}

/** Σ values. */
export function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}
