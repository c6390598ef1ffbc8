/**
 * A fixed pool of evaluation workers. A batch is cut into contiguous chunks, one per worker,
 * and the results are put back in trial order, so the output does not depend on the pool size.
 *
 * @module
 */
import type { EvaluatorSource } from "./evaluator.ts";

interface Pending {
  resolve(out: Float64Array): void;
  reject(e: Error): void;
}

/** A pool of workers sharing one evaluator source. */
export class WorkerPool {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #ready: Promise<void>;

  /** Starts `size` workers and builds the evaluator in each. */
  constructor(source: EvaluatorSource, size: number) {
    const url = new URL("./worker.ts", import.meta.url).href;
    const ready: Promise<void>[] = [];
    for (let w = 0; w < size; w++) {
      const worker = new Worker(url, { type: "module" });
      ready.push(
        new Promise((resolve, reject) => {
          worker.onmessage = (event: MessageEvent) => {
            const msg = event.data as {
              type: string;
              id?: number;
              out?: Float64Array;
              message?: string;
            };
            if (msg.type === "ready") resolve();
            else if (msg.type === "result") {
              const p = this.#pending.get(msg.id as number);
              this.#pending.delete(msg.id as number);
              p?.resolve(msg.out as Float64Array);
            } else if (msg.type === "error") {
              const error = new Error(msg.message);
              reject(error);
              for (const p of this.#pending.values()) p.reject(error);
              this.#pending.clear();
            }
          };
          worker.onerror = (event: ErrorEvent) => {
            event.preventDefault();
            const error = new Error(event.message);
            reject(error);
            for (const p of this.#pending.values()) p.reject(error);
            this.#pending.clear();
          };
        }),
      );
      worker.postMessage({ type: "init", source });
      this.#workers.push(worker);
    }
    this.#ready = Promise.all(ready).then(() => {});
    // marked as handled here; `run` still sees the rejection
    this.#ready.catch(() => {});
  }

  /** Evaluates `count` parameter vectors (row-major in `params`), each giving `width` numbers. */
  async run(params: Float64Array, count: number, width: number): Promise<Float64Array> {
    await this.#ready;
    const p = params.length / Math.max(count, 1);
    const n = this.#workers.length;
    const chunk = Math.ceil(count / n);
    const parts: Promise<Float64Array>[] = [];
    for (let w = 0; w * chunk < count; w++) {
      const start = w * chunk, c = Math.min(chunk, count - start);
      const id = this.#nextId++;
      parts.push(new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject })));
      const slice = params.slice(start * p, (start + c) * p);
      (this.#workers[w] as Worker).postMessage(
        { type: "eval", id, params: slice, count: c, width },
        [slice.buffer],
      );
    }
    const results = await Promise.all(parts);
    const out = new Float64Array(count * width);
    let offset = 0;
    for (const r of results) {
      out.set(r, offset);
      offset += r.length;
    }
    return out;
  }

  /** Stops every worker. */
  close(): void {
    for (const w of this.#workers) w.terminate();
    this.#workers.length = 0;
  }
}
