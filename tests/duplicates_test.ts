// No run of 10 or more lines stands twice in lib/ or tasks/, whether as the same lines or as the
// same shape with other names (issue 14). Read by the `duplicates` command (it reads files as
// text, offline, in a few seconds); where the machine lacks it the test is ignored, not passed.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

async function findDuplicates(): Promise<string | undefined> {
  try {
    const out = await new Deno.Command("duplicates", {
      args: ["--min-lines", "10", "--most", "200", "--seconds", "300"],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    return new TextDecoder().decode(out.stdout);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

const report = await findDuplicates();

Deno.test({
  name: "no run of 10 or more lines stands twice in lib/ or tasks/",
  ignore: report === undefined,
  fn() {
    const text = report as string;
    assert.doesNotMatch(text, /^incomplete:/m, text);
    assert.doesNotMatch(text, /more pairs\)/, "the list was cut: raise --most");
    const inScope = (place: string) => /^(lib|tasks)\//.test(place);
    const pairs = text.split("\n")
      .map((line) => /^D\d+ (\S+) ~ (\S+)/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .filter((m) => inScope(m[1] as string) && inScope(m[2] as string));
    assert.deepEqual(pairs.map((m) => m[0]), []);
  },
});
