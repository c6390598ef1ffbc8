/**
 * The Web Worker behind parallel searches: it builds an evaluator from an
 * {@link EvaluatorSource} once, then evaluates batches of parameter vectors.
 *
 * Messages in: `{ type: "init", source }`, `{ type: "eval", id, params, count, width }`.
 * Messages out: `{ type: "ready" }`, `{ type: "result", id, out }`, `{ type: "error", message }`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { type Evaluator, type EvaluatorSource, loadEvaluator } from "./evaluator.ts";

let evaluator: Evaluator | undefined;

self.onmessage = async (event: MessageEvent) => {
  const msg = event.data as
    | { type: "init"; source: EvaluatorSource }
    | { type: "eval"; id: number; params: Float64Array; count: number; width: number };
  try {
    if (msg.type === "init") {
      evaluator = await loadEvaluator(msg.source);
      self.postMessage({ type: "ready" });
      return;
    }
    const ev = evaluator as Evaluator;
    const { id, params, count, width } = msg;
    const p = params.length / Math.max(count, 1);
    const out = new Float64Array(count * width);
    for (let i = 0; i < count; i++) {
      ev.evaluate(params.subarray(i * p, i * p + p), out.subarray(i * width, i * width + width));
    }
    self.postMessage({ type: "result", id, out }, [out.buffer]);
  } catch (e) {
    self.postMessage({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
};
