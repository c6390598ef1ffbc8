/**
 * Turning the user's channels and constraints into one canonical, validated problem: name-keyed
 * bounds become per-channel money intervals, groups become index sets. Everything after this
 * trusts its input.
 *
 * @module
 */
import { ConfigError, InfeasibleError } from "../errors.ts";
import type {
  ChannelBound,
  ChannelGroup,
  ChannelResponse,
  SpendConstraints,
  SpendCurve,
} from "./types.ts";

/** A channel with its resolved spend interval. */
export interface ResolvedChannel {
  readonly name: string;
  readonly current: number;
  readonly lower: number;
  readonly upper: number;
  readonly locked: boolean;
  /** The curve that is optimised (the mean of draws when draws are given). */
  readonly curve: SpendCurve;
}

/** A group with member indices. */
export interface ResolvedGroup {
  readonly name: string;
  readonly members: readonly number[];
  readonly minShare: number | undefined;
  readonly maxShare: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
}

/** The canonical problem. */
export interface ResolvedProblem {
  readonly channels: readonly ResolvedChannel[];
  readonly groups: readonly ResolvedGroup[];
  /** Number of joint posterior draws (0 when none). */
  readonly nDraws: number;
}

function finiteOr(value: number | undefined, key: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot resolve spend constraints: "${key}" must be finite, got ${value}`);
  }
  return value;
}

/** The mean of a list of curves. */
export function meanCurve(draws: readonly SpendCurve[]): SpendCurve {
  const n = draws.length;
  return (spend: number) => {
    let s = 0;
    for (const d of draws) s += d(spend);
    return s / n;
  };
}

/**
 * Resolves channels and constraints. `defaultUpper` is the spend cap of a channel without a
 * `max`/`maxChange` (the budget, or a multiple of current spend in target modes).
 */
export function resolveProblem(
  channels: readonly ChannelResponse[],
  constraints: SpendConstraints,
  defaultUpper: number,
): ResolvedProblem {
  if (channels.length === 0) {
    throw new RangeError("Cannot optimize budget: no channels were given");
  }
  const names = channels.map((c) => c.name);
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (index.has(n)) {
      throw new ConfigError(`Cannot optimize budget: channel "${n}" is given twice`, {
        channel: n,
      });
    }
    index.set(n, i);
  });
  const known = (name: string, key: string): number => {
    const i = index.get(name);
    if (i === undefined) {
      throw new ConfigError(`Cannot optimize budget: unknown channel "${name}" in ${key}`, {
        channel: name,
        key,
        hint: `use one of ${names.map((n) => `"${n}"`).join(", ")}`,
      });
    }
    return i;
  };
  const bounds = constraints.bounds ?? {};
  for (const name of Object.keys(bounds)) known(name, `bounds.${name}`);
  const lockedSet = new Set<string>();
  for (const name of constraints.locked ?? []) {
    known(name, "locked");
    lockedSet.add(name);
  }
  const drawCounts = new Set(channels.map((c) => c.draws?.length ?? 0));
  if (drawCounts.size > 1) {
    throw new ConfigError(
      "Cannot optimize budget: channels have different numbers of posterior draws",
      { key: "draws", hint: "give every channel the same joint draws, or none" },
    );
  }
  const nDraws = [...drawCounts][0] as number;

  const resolved = channels.map((c): ResolvedChannel => {
    if (!Number.isFinite(c.currentSpend) || c.currentSpend < 0) {
      throw new RangeError(
        `Cannot optimize budget: current spend of "${c.name}" must be finite and >= 0, got ${c.currentSpend}`,
      );
    }
    const b: ChannelBound = bounds[c.name] ?? constraints.defaultBound ?? {};
    const key = `bounds.${c.name}`;
    const locked = lockedSet.has(c.name) || b.locked === true;
    let lower = Math.max(0, finiteOr(b.min, `${key}.min`) ?? 0);
    let upper = finiteOr(b.max, `${key}.max`) ?? defaultUpper;
    const minChange = finiteOr(b.minChange, `${key}.minChange`);
    const maxChange = finiteOr(b.maxChange, `${key}.maxChange`);
    if (minChange !== undefined) lower = Math.max(lower, c.currentSpend * (1 + minChange));
    if (maxChange !== undefined) {
      upper = Math.min(upper, Math.max(0, c.currentSpend * (1 + maxChange)));
    }
    if (locked) lower = upper = c.currentSpend;
    if (lower > upper) {
      throw new InfeasibleError(
        `Cannot optimize budget: the lower bound ${lower} of "${c.name}" exceeds its upper bound ${upper}`,
        { channel: c.name, key, hint: "loosen min/minChange or max/maxChange of this channel" },
      );
    }
    const curve = c.draws && c.draws.length > 0 ? meanCurve(c.draws) : c.response;
    for (const x of [lower, upper]) {
      const y = curve(x);
      if (!Number.isFinite(y)) {
        throw new ConfigError(
          `Cannot optimize budget: the response of "${c.name}" at spend ${x} is ${y}`,
          { channel: c.name, hint: "response functions must return finite numbers" },
        );
      }
    }
    return { name: c.name, current: c.currentSpend, lower, upper, locked, curve };
  });

  const groups = (constraints.groups ?? []).map((g: ChannelGroup, gi): ResolvedGroup => {
    const key = `groups[${gi}]`;
    if (g.channels.length === 0) {
      throw new ConfigError(`Cannot optimize budget: group "${g.name}" has no channels`, { key });
    }
    const members = g.channels.map((n) => known(n, `${key}.channels`));
    for (const share of [g.minShare, g.maxShare]) {
      if (share !== undefined && !(share >= 0 && share <= 1)) {
        throw new RangeError(
          `Cannot optimize budget: shares of group "${g.name}" must be in [0, 1], got ${share}`,
        );
      }
    }
    return {
      name: g.name,
      members,
      minShare: g.minShare,
      maxShare: g.maxShare,
      min: finiteOr(g.min, `${key}.min`),
      max: finiteOr(g.max, `${key}.max`),
    };
  });
  return { channels: resolved, groups, nDraws };
}
