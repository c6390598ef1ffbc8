/**
 * Makes sure Jupyter's headless runner is present, and writes mixlab's project-local kernelspec.
 *
 * Jupyter is found as the `jupyter` command with `nbconvert`. When it is missing: as root on
 * Debian/Ubuntu it is installed from Debian's packages; otherwise with `pip install --user`; when
 * neither works, an error names what to install. Nothing is written to the user's Jupyter
 * folders: the kernelspec lives in `<project>/.jupyter/kernels/mixlab`, found through
 * `JUPYTER_PATH`, and runtime files go to `<project>/.jupyter/runtime`.
 *
 * @module
 */
import { join, resolve } from "std/path";
import { aptInstall, canAptInstall, run, succeeds } from "./_system_packages.ts";

/** The Debian packages that provide a headless Jupyter runner. */
const DEBIAN_PACKAGES = [
  "jupyter-nbconvert",
  "python3-nbclient",
  "jupyter-client",
  "python3-ipykernel",
];
/** The pip packages that provide the same elsewhere. */
const PIP_PACKAGES = ["nbconvert", "nbclient", "jupyter_client", "ipykernel"];

/** The kernel name the notebooks declare. */
export const KERNEL_NAME = "mixlab";

/** True when `jupyter nbconvert` runs. */
export function hasJupyter(): Promise<boolean> {
  return succeeds("jupyter", ["nbconvert", "--version"]);
}

/** Installs Jupyter's headless runner when it is missing; throws with what to install otherwise. */
export async function ensureJupyter(): Promise<void> {
  if (await hasJupyter()) return;
  if (await canAptInstall()) {
    await aptInstall(DEBIAN_PACKAGES);
  } else if (await succeeds("python3", ["-m", "pip", "--version"])) {
    await run("python3", ["-m", "pip", "install", "--user", ...PIP_PACKAGES]);
  }
  if (!await hasJupyter()) {
    throw new Error(
      "Cannot run notebooks: Jupyter's nbconvert was not found and could not be installed; " +
        `install it with "pip install ${PIP_PACKAGES.join(" ")}" ` +
        `(or "apt-get install ${DEBIAN_PACKAGES.join(" ")}" on Debian/Ubuntu) and run again`,
    );
  }
}

/**
 * The Python interpreter that runs the `jupyter` command (read from its `#!` line), which is the
 * one that has nbclient; the first `python3` on PATH may be another.
 */
export async function jupyterPython(): Promise<string> {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    if (!dir) continue;
    try {
      const first = (await Deno.readTextFile(join(dir, "jupyter"))).split("\n", 1)[0] ?? "";
      const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
      if (m) return m[1]!.endsWith("/env") && m[2] ? m[2] : m[1]!;
    } catch {
      // not in this PATH entry
    }
  }
  return "python3";
}

/** Folders of the project-local Jupyter setup. */
export interface JupyterDirs {
  /** Put on JUPYTER_PATH: holds kernels/mixlab/kernel.json. */
  readonly path: string;
  /** JUPYTER_RUNTIME_DIR: connection files. */
  readonly runtime: string;
}

/**
 * Writes the kernelspec that points at the Deno running this task, and returns the folders to put
 * in the environment of `jupyter` commands.
 */
export async function writeKernelspec(projectDir: string): Promise<JupyterDirs> {
  const path = resolve(projectDir, ".jupyter");
  const runtime = join(path, "runtime");
  const kernelDir = join(path, "kernels", KERNEL_NAME);
  await Deno.mkdir(kernelDir, { recursive: true });
  await Deno.mkdir(runtime, { recursive: true });
  const spec = {
    argv: [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "mixlab (Deno)",
    language: "typescript",
    env: { NO_COLOR: "1" },
  };
  await Deno.writeTextFile(join(kernelDir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  return { path, runtime };
}
