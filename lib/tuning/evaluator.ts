/**
 * What a search evaluates: an {@link Evaluator} maps parameter values to objective values (all
 * minimised) plus optional extra numbers to keep with each trial (ROAS per channel, …). To run
 * on Web Workers, a search is given an {@link EvaluatorSource} instead: a module URL and a
 * structured-cloneable payload from which each worker builds its own evaluator.
 *
 * @module
 */

/** Evaluates one parameter vector. */
export interface Evaluator {
  /** Objective names, in the order `evaluate` writes them. */
  readonly objectives: readonly string[];
  /** Names of extra numbers written after the objectives. */
  readonly extras: readonly string[];
  /**
   * Writes the objectives, then the extras, of the parameter values `params` (all parameters of
   * the space, fixed ones included) into `out`.
   */
  evaluate(params: Float64Array, out: Float64Array): void;
}

/**
 * Where workers get an evaluator: `module` is a URL whose module exports
 * `createEvaluator(payload): Evaluator | Promise<Evaluator>`.
 */
export interface EvaluatorSource {
  /** Absolute URL of the module (use `new URL("./x.ts", import.meta.url).href`). */
  readonly module: string;
  /** Data passed to `createEvaluator`; must survive `structuredClone`. */
  readonly payload: unknown;
}

/** The module shape an {@link EvaluatorSource} points to. */
export interface EvaluatorModule {
  /** Builds the evaluator from the payload. */
  createEvaluator(payload: unknown): Evaluator | Promise<Evaluator>;
}

/** True when `x` is an {@link EvaluatorSource}. */
export function isEvaluatorSource(x: unknown): x is EvaluatorSource {
  return typeof x === "object" && x !== null && typeof (x as EvaluatorSource).module === "string";
}

/** Loads the module of a source and builds its evaluator (in the current thread). */
export async function loadEvaluator(source: EvaluatorSource): Promise<Evaluator> {
  const mod = await import(source.module) as Partial<EvaluatorModule>;
  if (typeof mod.createEvaluator !== "function") {
    throw new TypeError(
      `Cannot load evaluator: module "${source.module}" does not export createEvaluator`,
    );
  }
  return await mod.createEvaluator(source.payload);
}
