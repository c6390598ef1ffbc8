/**
 * Running the `mmm` command line as a user does (a subprocess), for the CLI tests.
 *
 * @module
 */
import { dirname, join } from "node:path";

/** The repository root. */
export const root = join(dirname(new URL(import.meta.url).pathname), "..", "..");

/** Runs `deno task mmm …ARGS` and returns its exit code and output. */
export async function mmm(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-sys",
      "--allow-ffi",
      join(root, "tasks", "mmm.ts"),
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}
