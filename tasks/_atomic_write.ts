/**
 * Atomic file writes: the text goes to a temporary file in the same folder, which is then renamed
 * over the target, so a failed or interrupted run never leaves a half-written file.
 *
 * @module
 */

/** Writes `text` to `path` atomically. */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await Deno.writeTextFile(tmp, text);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}
