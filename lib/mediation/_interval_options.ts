/**
 * The interval settings both mediation fits share, checked once.
 *
 * @module
 */

/** How a mediation fit makes its intervals. */
export interface IntervalSettings {
  /** Interval level in (0, 1). */
  readonly level: number;
  /** Delta method, moving-block bootstrap, or Monte Carlo draws. */
  readonly method: "normal" | "bootstrap" | "monte-carlo";
  /** Bootstrap replicates or Monte Carlo draws. */
  readonly replicates: number;
}

/** Fills the defaults (0.9, bootstrap, 1000) and checks them; errors begin "Cannot {action}". */
export function resolveIntervalOptions(
  options: {
    readonly level?: number;
    readonly interval?: IntervalSettings["method"];
    readonly replicates?: number;
  },
  action: string,
): IntervalSettings {
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot ${action}: level must be in (0, 1), got ${level}`);
  }
  const method = options.interval ?? "bootstrap";
  if (method !== "normal" && method !== "bootstrap" && method !== "monte-carlo") {
    throw new RangeError(
      `Cannot ${action}: interval must be "normal", "bootstrap" or "monte-carlo", got "${method}"`,
    );
  }
  const replicates = options.replicates ?? 1000;
  if (!Number.isInteger(replicates) || replicates < 2) {
    throw new RangeError(
      `Cannot ${action}: replicates must be an integer of at least 2, got ${replicates}`,
    );
  }
  return { level, method, replicates };
}
