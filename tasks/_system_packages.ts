/**
 * Installing what a fresh machine lacks from the system's packages: checks by running a
 * command, and Debian's `apt-get` as root (its package lists updated once per run).
 *
 * @module
 */

/** True when the command runs and exits 0. */
export async function succeeds(cmd: string, args: string[]): Promise<boolean> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).output();
    return out.success;
  } catch {
    return false;
  }
}

/** Runs a command in view of the user; throws naming it when it fails. */
export async function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<void> {
  console.error(`mixlab setup: ${cmd} ${args.join(" ")}`);
  const out = await new Deno.Command(cmd, { args, env, stdout: "inherit", stderr: "inherit" })
    .output();
  if (!out.success) throw new Error(`Cannot set up: "${cmd} ${args.join(" ")}" failed`);
}

/** True when this process may install Debian packages (root, with apt-get). */
export async function canAptInstall(): Promise<boolean> {
  return Deno.uid() === 0 && await succeeds("apt-get", ["--version"]);
}

let updated = false;

/** Installs Debian packages without recommends (updating the package lists first, once). */
export async function aptInstall(packages: readonly string[]): Promise<void> {
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  if (!updated) {
    await run("apt-get", ["update", "-qq"], env);
    updated = true;
  }
  await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], env);
}
