/**
 * Makes sure headless Chromium is present for the browser tests of the budget planner (and for
 * looking at reports as a reader does): Debian's `chromium`, installed from Debian's packages
 * when missing and this runs as root. Elsewhere it says what to install; only the browser tests
 * need it, so setup goes on without it.
 *
 * @module
 */
import { aptInstall, canAptInstall, succeeds } from "./_system_packages.ts";

/** The Chromium the browser tests use: `$MIXLAB_CHROMIUM`, else Debian's. */
export function chromiumCommand(): string {
  return Deno.env.get("MIXLAB_CHROMIUM") ?? "/usr/bin/chromium";
}

/** True when Chromium runs. */
export function hasChromium(): Promise<boolean> {
  return succeeds(chromiumCommand(), ["--version"]);
}

/** Installs Debian's chromium when it is missing; warns with what to install otherwise. */
export async function ensureChromium(): Promise<void> {
  if (await hasChromium()) return;
  if (await canAptInstall()) await aptInstall(["chromium"]);
  if (!await hasChromium()) {
    console.error(
      `mixlab setup: no Chromium at "${chromiumCommand()}": the planner's browser tests need ` +
        'it; install Debian\'s "chromium" (apt-get install chromium) or set MIXLAB_CHROMIUM',
    );
  }
}
