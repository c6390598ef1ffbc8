/**
 * The planner page's entry point (bundled by `_bundle.ts`): reads the setup and the model that
 * the page embeds, rebuilds the model with mixlab's loader, and starts the planner. Whatever
 * fails on the way shows as a readable message in the page, never as a blank one.
 *
 * @module
 */
import { loadFittedModel } from "../../models/load_fitted_model.ts";
import type { PlannerSetup } from "../planner_setup.ts";
import { PlannerApp } from "./planner_app.ts";
import { byId } from "./dom.ts";

/** Ids of the page's fixed elements (written by `planner_page.ts`). */
const IDS = {
  setup: "mixlab-planner-setup",
  model: "mixlab-planner-model",
  status: "planner-status",
  root: "planner",
} as const;

function showError(what: string, e: unknown): void {
  const status = byId(IDS.status);
  status.className = "status error";
  status.replaceChildren();
  const title = document.createElement("strong");
  title.textContent = what;
  const detail = document.createElement("p");
  detail.textContent = e instanceof Error ? e.message : String(e);
  const hint = document.createElement("p");
  hint.textContent = "Rebuild the planner from the model file with " +
    "`deno task mmm planner --model DIR/model.json --out DIR2`, or refit with `deno task mmm fit`.";
  status.append(title, detail, hint);
  status.hidden = false;
}

function embedded(id: string): unknown {
  return JSON.parse(byId(id).textContent ?? "");
}

function boot(): void {
  let setup: PlannerSetup;
  let fit;
  try {
    setup = embedded(IDS.setup) as PlannerSetup;
    fit = loadFittedModel(embedded(IDS.model));
  } catch (e) {
    showError("This planner could not load its model.", e);
    return;
  }
  try {
    const root = byId(IDS.root);
    new PlannerApp(root, setup, fit, location.hash);
    byId(IDS.status).hidden = true;
    root.hidden = false;
  } catch (e) {
    showError("This planner could not start.", e);
  }
}

boot();
