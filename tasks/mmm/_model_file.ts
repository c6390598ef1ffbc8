/**
 * Finding and loading the model a `result.json` belongs to (`model.json` beside it).
 *
 * @module
 */
import { dirname, join } from "std/path";
import { loadFittedModel } from "../../lib/models/load_fitted_model.ts";
import type { FittedModel } from "../../lib/types.ts";
import { readJsonFile, required } from "./_cli.ts";

/** Loads the model saved next to `--result DIR/result.json`. */
export async function loadModelOfResult(result: string | undefined): Promise<FittedModel> {
  const path = required(result, "--result", "the result.json that mmm fit wrote");
  await readJsonFile(path, "result");
  return loadFittedModel(await readJsonFile(join(dirname(path), "model.json"), "model"));
}
