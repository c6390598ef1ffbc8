/**
 * The Jupyter display protocol, without touching `Deno.jupyter` (which exists only inside the
 * kernel): result objects implement `[JUPYTER_DISPLAY]()` and return a MIME bundle, which Deno's
 * kernel shows as rich output, and which plain `deno run` ignores.
 *
 * @module
 */

/** The symbol Deno's Jupyter kernel looks for on a cell's value. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** A MIME bundle: MIME type → content. */
export type MimeBundle = Record<string, string>;

/** Anything that can show itself in Jupyter. */
export interface Displayable {
  /** Returns the MIME bundle to show. */
  [JUPYTER_DISPLAY](): MimeBundle;
}
