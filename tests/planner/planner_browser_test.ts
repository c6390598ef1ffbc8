/**
 * The budget planner in headless Chromium, opened from `file://` with the network shut, driven
 * as a reader drives it (mouse on a slider, typing, buttons), its numbers checked against the
 * library run in Deno on the same model:
 * - a slider move: the page's predicted KPI equals `forecast()` of the same plan (1e-9);
 * - Optimize: the allocation equals `optimizeBudget()` on the page's own curves (1e-9);
 * - the page's link reopens the same scenario;
 * - the exported plan, run through `mmm forecast --plan`, gives the page's predicted KPI;
 * - a Bayesian fit: the same equality, and a 90% band around the prediction;
 * - hostile channel and KPI names appear as text (read back from the DOM);
 * - a model that fails to load leaves a readable message;
 * - no page asks for anything but its own file.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import {
  defineModelSpec,
  fitBayes,
  forecast,
  loadFittedModel,
  optimizeBudget,
  spendPlan,
} from "mixlab";
import { sliceRows } from "mixlab/core";
import { interpolateResponses } from "mixlab/optimize";
import { plannerHtml } from "mixlab/planner";
import { decodeScenario, plannerPage, type PlannerSetup, setupTables } from "mixlab/planner/mod.ts";
import { simulatePreset } from "mixlab/sim/mod.ts";
import { plannerScript } from "../../lib/planner/_bundle.ts";
import { mmm, root as ROOT } from "../tasks/_mmm.ts";
import { launchChromium, type OfflinePage, offlinePage } from "./_chromium.ts";
import type { Browser } from "puppeteer-core";

const CHANNELS = ["tv", "radio", "social", "search", "display"];

/** A fit of the demo data (ridge, no tuning) by `mmm fit`, in a fresh folder. */
async function fitDemo(
  names: readonly string[] = CHANNELS,
  kpi = "revenue",
): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "mixlab-planner-" });
  let csv = await Deno.readTextFile(join(ROOT, "data", "demo.csv"));
  const quoted = `"${kpi.replaceAll('"', '""')}"`;
  csv = csv.replace(/^([^\n]*?)\brevenue\b/, `$1${quoted}`);
  await Deno.writeTextFile(join(dir, "data.csv"), csv);
  await Deno.writeTextFile(
    join(dir, "config.json"),
    JSON.stringify({
      data: "data.csv",
      kpi,
      channels: Object.fromEntries(names.map((n, i) => [n, { spend: `${CHANNELS[i]}_spend` }])),
      controls: ["price", "promo", "holiday"],
      model: { kind: "ridge", lambda: 0.1 },
    }),
  );
  const run = await mmm(["fit", "--config", join(dir, "config.json"), "--out", join(dir, "out")]);
  assert.equal(run.code, 0, run.stderr);
  return dir;
}

/** The setup a page embeds, read back from its HTML. */
function embeddedSetup(html: string): PlannerSetup {
  const { document } = parseHTML(html);
  return JSON.parse(document.getElementById("mixlab-planner-setup")!.textContent!);
}

async function open(browser: Browser, file: string, hash = ""): Promise<OfflinePage> {
  const p = await offlinePage(browser);
  await p.page.goto(`file://${file}${hash}`);
  await p.page.waitForSelector("#planner:not([hidden]), .status.error");
  return p;
}

async function predicted(p: OfflinePage): Promise<number> {
  return Number(
    await p.page.$eval('[data-metric="predicted"] .value', (e) => (e as HTMLElement).dataset.value),
  );
}

/**
 * Waits until the page's address holds what its inputs show (the page writes the address a
 * moment after the last change) and returns the hash.
 */
async function settled(p: OfflinePage): Promise<string> {
  await p.page.waitForFunction(() => {
    const params = new URLSearchParams(location.hash.slice(1));
    const values = (selector: string, exact: boolean) =>
      [...document.querySelectorAll<HTMLInputElement>(selector)]
        .map((e) => exact ? e.dataset.value : e.value).join(",");
    return params.get("h") === (document.getElementById("horizon") as HTMLInputElement).value &&
      params.get("s") === values(".spend-input", true) &&
      params.get("lo") === values(".min-input", false) &&
      params.get("hi") === values(".max-input", false);
  });
  return await p.page.evaluate(() => location.hash);
}

/** Channel i's planned weekly spend, exactly as the page holds it. */
function spendOf(p: OfflinePage, i: number): Promise<string | undefined> {
  return p.page.$eval(
    `[data-channel-index="${i}"] .spend-input`,
    (e) => (e as HTMLElement).dataset.value,
  );
}

/** Clicks channel i's slider at a fraction of its track, as a mouse does (not on its thumb). */
async function dragSlider(p: OfflinePage, i: number, fraction: number): Promise<string> {
  const before = await spendOf(p, i);
  const slider = (await p.page.$(`[data-channel-index="${i}"] .spend-slider`))!;
  const box = (await slider.boundingBox())!;
  // scrolled to the middle of the window (clear of the sticky summary), then clicked
  await slider.click({ offset: { x: fraction * box.width, y: box.height / 2 } });
  assert.notEqual(await spendOf(p, i), before, `the click moved slider ${i}`);
  return settled(p);
}

/** Types a value into an input and leaves it (a change event). */
async function typeInto(p: OfflinePage, selector: string, text: string): Promise<void> {
  await p.page.$eval(selector, (e) => {
    (e as HTMLInputElement).focus();
    (e as HTMLInputElement).select();
  });
  await p.page.keyboard.type(text);
  await p.page.keyboard.press("Tab");
}

function assertNoRequests(p: OfflinePage, file: string): void {
  assert.deepEqual(p.requests.map((u) => u.replace(/#.*$/, "")), [`file://${file}`]);
  assert.deepEqual(p.errors, []);
}

function assertClose(actual: number, expected: number, what: string, tol = 1e-9): void {
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what}: page ${actual}, library ${expected}`,
  );
}

/** The forecast the library makes in Deno for a scenario of the page. */
function libraryTotal(modelJson: unknown, setup: PlannerSetup, hash: string): number {
  const decoded = decodeScenario(hash, setup);
  assert.ok(decoded.ok, `the page's hash is a scenario: ${hash}`);
  const fit = loadFittedModel(modelJson);
  const weeklySpend = Object.fromEntries(
    setup.channels.map((c, i) => [c.name, decoded.scenario.spend[i]!]),
  );
  const plan = spendPlan(fit.data, {
    weeks: decoded.scenario.horizon,
    basisWeeks: setup.basisWeeks,
    weeklySpend,
  });
  return forecast(fit, plan).total();
}

Deno.test({
  name: "planner.html in headless Chromium matches the library, offline",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async (t) => {
    const dir = await fitDemo();
    const out = join(dir, "out"), file = join(out, "planner.html");
    const html = await Deno.readTextFile(file);
    const setup = embeddedSetup(html);
    const model = JSON.parse(await Deno.readTextFile(join(out, "model.json")));
    const report = await Deno.readTextFile(join(out, "report.html"));
    assert.ok(report.includes('href="planner.html"'), "the one-pager links to the planner");
    const browser = await launchChromium();
    try {
      await t.step("a slider move: predicted KPI equals forecast() in Deno", async () => {
        const p = await open(browser, file);
        assertClose(await predicted(p), libraryTotal(model, setup, todayHash(setup)), "today");
        const hash = await dragSlider(p, 1, 0.8);
        const decoded = decodeScenario(hash, setup);
        assert.ok(decoded.ok && decoded.scenario.spend[1] !== setup.channels[1]!.today);
        assertClose(await predicted(p), libraryTotal(model, setup, hash), "predicted KPI");
        assertNoRequests(p, file);
      });

      await t.step(
        "Optimize: the allocation equals optimizeBudget() on the same curves",
        async () => {
          const p = await open(browser, file);
          const today = setup.channels.reduce((a, c) => a + c.today, 0);
          const budget = Math.round(1.1 * today);
          await typeInto(
            p,
            '[data-channel-index="0"] .max-input',
            String(setup.channels[0]!.today),
          );
          await typeInto(p, "#budget", String(budget));
          await p.page.click("#optimize");
          await p.page.waitForFunction(() =>
            document.getElementById("message")!.textContent!.startsWith("Optimized")
          );
          const decoded = decodeScenario(await settled(p), setup);
          assert.ok(decoded.ok);
          const bounds = Object.fromEntries(setup.channels.map((c, i) => [
            c.name,
            { min: decoded.scenario.min[i]!, max: decoded.scenario.max[i]! },
          ]));
          assert.equal(bounds.tv!.max, setup.channels[0]!.today);
          const expected = optimizeBudget(interpolateResponses(setupTables(setup)), {
            budget,
            bounds,
          });
          setup.channels.forEach((c, i) => {
            assertClose(decoded.scenario.spend[i]!, expected.allocation[c.name]!, c.name);
          });
          assert.match(await p.page.$eval("#message", (e) => e.textContent!), /^Optimized/);
          assertClose(await predicted(p), libraryTotal(model, setup, hashOf(decoded)), "KPI");
          assertNoRequests(p, file);
        },
      );

      await t.step("the page's link reopens the same scenario", async () => {
        const p = await open(browser, file);
        await typeInto(p, "#horizon", "8");
        await typeInto(p, '[data-channel-index="3"] .min-input', "1000");
        await dragSlider(p, 2, 0.7);
        const url = p.page.url(), shown = await predicted(p);
        const reopened = await open(browser, file, new URL(url).hash);
        assert.equal(reopened.page.url(), url);
        assert.equal(await predicted(reopened), shown);
        const inputs = await reopened.page.evaluate(() => ({
          horizon: (document.getElementById("horizon") as HTMLInputElement).value,
          min3: document.querySelector<HTMLInputElement>('[data-channel-index="3"] .min-input')!
            .value,
          spend2: document.querySelector<HTMLInputElement>('[data-channel-index="2"] .spend-input')!
            .dataset.value,
        }));
        const decoded = decodeScenario(new URL(url).hash, setup);
        assert.ok(decoded.ok);
        assert.deepEqual(inputs, {
          horizon: "8",
          min3: "1000",
          spend2: String(decoded.scenario.spend[2]),
        });
        assert.equal(await reopened.page.$eval("#message", (e) => e.textContent), "");
        assertNoRequests(reopened, file);
      });

      await t.step("the exported plan gives the page's number in mmm forecast --plan", async () => {
        const p = await open(browser, file);
        await dragSlider(p, 0, 0.9);
        await dragSlider(p, 4, 0.1);
        const downloads = await Deno.makeTempDir({ dir, prefix: "downloads-" });
        const cdp = await p.page.createCDPSession();
        await cdp.send("Browser.setDownloadBehavior", {
          behavior: "allow",
          downloadPath: downloads,
          eventsEnabled: true,
        });
        const done = new Promise<void>((resolve) =>
          cdp.on("Browser.downloadProgress", (e) => {
            if (e.state === "completed") resolve();
          })
        );
        await p.page.click("#export");
        await done;
        const [csv] = [...Deno.readDirSync(downloads)].map((e) => join(downloads, e.name));
        assert.match(csv!, /plan-revenue-2024-12-30-13w\.csv$/);
        const run = await mmm([
          "forecast",
          "--result",
          join(out, "result.json"),
          "--plan",
          csv!,
          "--out",
          join(dir, "forecast"),
        ]);
        assert.equal(run.code, 0, run.stderr);
        const fc = JSON.parse(await Deno.readTextFile(join(dir, "forecast", "forecast.json")));
        assert.equal(fc.dates.length, 13);
        const total = fc.mean.reduce((a: number, b: number) => a + b, 0);
        assertClose(await predicted(p), total, "mmm forecast --plan");
        assertNoRequests(p, file);
      });

      await t.step("a model that fails to load leaves a readable message", async () => {
        const broken = join(dir, "broken.html");
        await Deno.writeTextFile(
          broken,
          plannerPage({
            setup,
            model: { format: "mixlab.linear-model", version: 99 },
            script: await plannerScript(),
          }),
        );
        const p = await open(browser, broken);
        const text = await p.page.$eval("#planner-status", (e) => e.textContent!);
        assert.match(text, /^This planner could not load its model\./);
        assert.match(text, /Cannot load model/);
        assert.equal(await p.page.$eval("#planner", (e) => (e as HTMLElement).hidden), true);
        assertNoRequests(p, broken);
      });
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** The spend part of today's scenario's hash (for the library's side). */
function todayHash(setup: PlannerSetup): string {
  const list = (xs: number[]) => xs.join(",");
  const today = setup.channels.map((c) => c.today);
  return `h=13&b=0&s=${list(today)}&lo=${list(today.map(() => 0))}&hi=${
    list(setup.channels.map((c) => c.cap))
  }`;
}

/** A decoded scenario back to a hash (for the library's side). */
function hashOf(decoded: ReturnType<typeof decodeScenario>): string {
  assert.ok(decoded.ok);
  const s = decoded.scenario;
  return `h=${s.horizon}&b=${s.budget}&s=${s.spend.join(",")}&lo=${s.min.join(",")}&hi=${
    s.max.join(",")
  }`;
}

Deno.test({
  name: "planner.html shows hostile channel and KPI names as text",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const names = [
      "</script><script>window.pwned=1</script>",
      "<!--",
      `q"u'ote & <b>bold</b>`,
      "line\u2028sep\u2029",
      "<img src=x onerror=window.pwned=2>",
    ];
    const kpi = "rev'enue </script><!-- &amp;";
    const dir = await fitDemo(names, kpi);
    const file = join(dir, "out", "planner.html");
    const browser = await launchChromium();
    try {
      const p = await open(browser, file);
      const seen: Record<string, unknown> = await p.page.evaluate(() => ({
        pwned: (window as unknown as { pwned?: number }).pwned ?? null,
        channels: [...document.querySelectorAll(".channel h3")].map((e) => e.textContent),
        kpiLabel: document.querySelector('[data-metric="predicted"] .label')!.textContent,
        scripts: document.querySelectorAll("script").length,
        images: document.querySelectorAll("img").length,
        bold: document.querySelectorAll("b:not(.metrics b)").length,
        status: document.getElementById("planner-status")!.hidden,
      }));
      assert.deepEqual(seen, {
        pwned: null,
        channels: names,
        kpiLabel: `Predicted ${kpi}`,
        scripts: 4,
        images: 0,
        bold: 0,
        status: true,
      });
      // the rendered DOM, parsed again outside the browser: names are text nodes only
      const rendered: Document = parseHTML(await p.page.content()).document;
      assert.equal(rendered.querySelectorAll("script").length, 4);
      assert.deepEqual(
        [...rendered.querySelectorAll(".channel h3")].map((e) => e.textContent),
        names,
      );
      assertNoRequests(p, file);
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "planner.html of a Bayesian fit: forecast() to 1e-9 and a 90% band from the draws",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const sim = simulatePreset("demo");
    const data = sliceRows(sim.data, 52);
    const spec = defineModelSpec({ channels: ["tv", "search"], controls: ["price"] });
    const twoChannels = {
      ...data,
      channels: data.channels.filter((c) => c.name === "tv" || c.name === "search"),
      controls: data.controls.filter((c) => c.name === "price"),
    };
    const fit = fitBayes(twoChannels, spec, {
      chains: 2,
      warmup: 100,
      draws: 60,
      seed: 3,
      fixTransforms: true,
    });
    const dir = await Deno.makeTempDir({ prefix: "mixlab-planner-bayes-" });
    const file = join(dir, "planner.html");
    const html = await plannerHtml(fit, { points: 24 });
    await Deno.writeTextFile(file, html);
    const setup = embeddedSetup(html);
    const model = JSON.parse(JSON.stringify(fit.toJSON()));
    const browser = await launchChromium();
    try {
      const p = await open(browser, file);
      const hash = await dragSlider(p, 0, 0.75);
      assertClose(await predicted(p), libraryTotal(model, setup, hash), "predicted KPI");
      const band = await p.page.$eval('[data-metric="predicted"] .value', (e) => {
        const d = (e as HTMLElement).dataset;
        return { value: Number(d.value), lower: Number(d.lower), upper: Number(d.upper) };
      });
      assert.ok(band.lower < band.value && band.value < band.upper, JSON.stringify(band));
      const notes = await p.page.$eval('[data-metric="predicted"] .notes', (e) => e.textContent!);
      assert.match(notes, /^90% interval /);
      assertNoRequests(p, file);
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
