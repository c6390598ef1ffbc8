/**
 * The budget planner's responsiveness, measured in the browser a reader uses: headless Chromium
 * opens `planner.html` from `file://` and a slider of a different channel moves each time; one
 * sample is the time from the slider's `input` event until the page has recomputed (the model's
 * forecast with carried-over adstock, and for a Bayesian fit its 90% band from 200 draws),
 * redrawn the summary, the forecast chart and the channel's curve, and painted the next frame,
 * plus one DevTools round trip. The target (issue 15) is 50 ms for a Bayesian model with 1,000
 * draws and 10 channels; the baseline is the ridge fit of the bundled demo data.
 *
 * The Bayesian model is a real posterior: NUTS, 4 chains × (100 warm-up + 250 draws), on a
 * 10-channel simulation (156 weeks, geometric adstock + Hill). Sampling it takes a few minutes,
 * so it is saved once in bench/.generated/ and reused.
 */
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import {
  defineModelSpec,
  fitBayes,
  fitRidge,
  type FittedModel,
  loadFittedModel,
  simulateMmm,
} from "mixlab";
import { plannerHtml } from "mixlab/planner";
import { simulatePreset } from "mixlab/sim/mod.ts";
import { launchChromium } from "../tests/planner/_chromium.ts";

const generated = join(new URL(".", import.meta.url).pathname, ".generated");

/** The 10-channel Bayesian fit with 1,000 draws (sampled once, then read from disk). */
async function bayesTenChannels(): Promise<FittedModel> {
  const file = join(generated, "planner_bayes_10ch_1000draws_seed11.json");
  try {
    return loadFittedModel(JSON.parse(await Deno.readTextFile(file)));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const names = ["tv", "radio", "social", "search", "display", "video", "ooh", "print", "email"];
  const sim = simulateMmm({
    seed: 11,
    weeks: 156,
    channels: [...names, "affiliate"].map((name, i) => ({
      name,
      spend: { mean: 3000 + 1000 * i, volatility: 0.4, seasonality: 0.1, peakWeek: 5 * i },
      adstock: { kind: "geometric", params: { decay: 0.1 + 0.06 * i } },
      saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1.2 } },
      roas: 1 + 0.2 * i,
    })),
  });
  const spec = defineModelSpec({
    channels: sim.data.channels.map((c) => c.name),
    controls: sim.data.controls.map((c) => c.name),
  });
  const fit = fitBayes(sim.data, spec, { chains: 4, warmup: 100, draws: 250, seed: 11 });
  await Deno.mkdir(generated, { recursive: true });
  await Deno.writeTextFile(file, JSON.stringify(fit.toJSON()));
  return fit;
}

function ridgeDemo(): FittedModel {
  const data = simulatePreset("demo").data;
  const spec = defineModelSpec({
    channels: data.channels.map((c) => c.name),
    controls: data.controls.map((c) => c.name),
  });
  return fitRidge(data, spec, { lambda: 0.1 });
}

/** A browser with one planner page open, closed after the last planned sample. */
class PlannerSession {
  #browser: Browser | undefined;
  #page: Page | undefined;
  #calls = 0;
  readonly #file: string;
  readonly #total: number;

  constructor(file: string, total: number) {
    this.#file = file;
    this.#total = total;
  }

  async page(): Promise<Page> {
    if (!this.#page) {
      this.#browser = await launchChromium();
      this.#page = await this.#browser.newPage();
      await this.#page.setViewport({ width: 1200, height: 1000 });
      await this.#page.goto(`file://${this.#file}`);
      await this.#page.waitForSelector("#planner:not([hidden])", { timeout: 300_000 });
    }
    return this.#page;
  }

  /** Counts a sample; the browser closes after the last one. */
  async done(): Promise<void> {
    if (++this.#calls >= this.#total) {
      await this.#browser?.close();
      this.#browser = this.#page = undefined;
    }
  }
}

/** Moves channel k mod C's slider to a new place; resolves once the next frame is painted. */
function moveSlider(page: Page, k: number): Promise<number> {
  return page.evaluate(async (k) => {
    const sliders = [...document.querySelectorAll<HTMLInputElement>(".spend-slider")];
    const s = sliders[k % sliders.length]!;
    const lo = Number(s.min), hi = Number(s.max);
    s.value = String(lo + (hi - lo) * ((0.13 + 0.37 * k) % 1));
    s.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return k;
  }, k);
}

/** Clicks Optimize; resolves once the next frame is painted. */
function optimize(page: Page): Promise<string> {
  return page.evaluate(async () => {
    document.getElementById("optimize")!.click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return document.getElementById("message")!.textContent ?? "";
  });
}

const dir = await Deno.makeTempDir({ prefix: "mixlab-planner-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
const SAMPLES = 40, WARMUP = 3;
const cases = [
  { name: "ridge, demo data (5 channels)", model: ridgeDemo(), baseline: true },
  {
    name: "Bayesian, 10 channels × 1,000 draws",
    model: await bayesTenChannels(),
    baseline: false,
  },
];
for (const c of cases) {
  const file = join(dir, `${c.baseline ? "ridge" : "bayes"}.html`);
  await Deno.writeTextFile(file, await plannerHtml(c.model));
  const sliders = new PlannerSession(file, SAMPLES + WARMUP);
  let k = 0;
  Deno.bench({
    name: `slider moved → recomputed and painted, ${c.name}`,
    group: "planner-rerender",
    baseline: c.baseline,
    n: SAMPLES,
    warmup: WARMUP,
    async fn(b) {
      const page = await sliders.page();
      b.start();
      await moveSlider(page, k++);
      b.end();
      await sliders.done();
    },
  });
  const optimizer = new PlannerSession(file, 5 + 1);
  Deno.bench({
    name: `Optimize clicked → allocation shown and painted, ${c.name}`,
    group: "planner-optimize",
    baseline: c.baseline,
    n: 5,
    warmup: 1,
    async fn(b) {
      const page = await optimizer.page();
      b.start();
      await optimize(page);
      b.end();
      await optimizer.done();
    },
  });
  const opener = new PlannerSession(file, 3 + 1);
  Deno.bench({
    name: `page opened → model loaded, everything drawn, ${c.name}`,
    group: "planner-open",
    baseline: c.baseline,
    n: 3,
    warmup: 1,
    async fn(b) {
      const page = await opener.page();
      b.start();
      await page.reload();
      await page.waitForSelector("#planner:not([hidden])", { timeout: 300_000 });
      b.end();
      await opener.done();
    },
  });
}
