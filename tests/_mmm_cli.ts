/**
 * Runs the `mmm` command line as a user runs it: a subprocess with the `mmm` task's
 * permissions, from the project folder (so deno.json's import map and settings apply).
 */
import { dirname, join } from "node:path";

/** The project folder. */
export const ROOT = join(dirname(new URL(import.meta.url).pathname), "..");

/** What a command printed and its exit code. */
export interface MmmRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `deno task mmm ARGS` (as `deno run` with the task's permissions). */
export async function mmm(args: string[]): Promise<MmmRun> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-sys",
      "--allow-ffi",
      join(ROOT, "tasks", "mmm.ts"),
      ...args,
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}
