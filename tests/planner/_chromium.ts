/**
 * Headless Chromium (Debian's `chromium`) driven by puppeteer-core over a pipe, with the network
 * shut: every request is recorded and all but `file:` ones are aborted, so a test can assert that
 * a page asked for nothing but itself. Shared by the planner's browser tests and its benchmark.
 */
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { chromiumCommand } from "../../tasks/_chromium_setup.ts";

/** The Chromium binary, checked to exist. */
function chromiumPath(): string {
  const path = chromiumCommand();
  try {
    Deno.statSync(path);
  } catch {
    throw new Error(
      `Cannot run browser tests: no Chromium at "${path}"; run "deno task setup" (it installs ` +
        `Debian's chromium) or set MIXLAB_CHROMIUM to a Chromium binary`,
    );
  }
  return path;
}

/** Launches headless Chromium with networking disabled. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    pipe: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      // nowhere to connect even if a request slipped past the interception below
      "--proxy-server=127.0.0.1:9",
      "--host-resolver-rules=MAP * ~NOTFOUND",
    ],
  });
}

/** A page plus the requests it made (anything but its own file is aborted). */
export interface OfflinePage {
  readonly page: Page;
  /** URLs of every request the page made (its own file first), in order. */
  readonly requests: string[];
  /** Uncaught errors in the page. */
  readonly errors: string[];
}

/** A new page of the browser whose only allowed loads are `file:` URLs. */
export async function offlinePage(browser: Browser): Promise<OfflinePage> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 1000 });
  page.setDefaultTimeout(15_000);
  const requests: string[] = [], errors: string[] = [];
  await page.setRequestInterception(true);
  page.on("request", (r) => {
    requests.push(r.url());
    if (r.url().startsWith("file:")) void r.continue();
    else void r.abort();
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, requests, errors };
}
