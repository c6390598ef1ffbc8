/**
 * Interaction terms (seed 000): the product of two design columns, e.g. TV's media column
 * times a promotion flag. With a channel, the product belongs to that channel (its
 * contribution is the prediction minus the prediction without its spend, which removes both
 * its own column and the product); two controls make a term of their own.
 *
 * @module
 */
import type { BaselineFeature, FeatureColumn } from "./feature.ts";
import { claim, fail, isChannel, requireColumn } from "./_checks.ts";

/** The name of an interaction column: `a×b`. */
export function interactionName(a: string, b: string): string {
  return `${a}×${b}`;
}

/** `baseline.interactions`: pairs `[channel or control, control]`. */
export const interactionsFeature: BaselineFeature<"interactions"> = {
  key: "interactions",
  resolve(input, names, key = "baseline.interactions") {
    if (input === undefined) return undefined;
    if (!Array.isArray(input)) fail(key, "must be a list of [name, name] pairs");
    return input.map((pair, i): readonly [string, string] => {
      const k = `${key}[${i}]`;
      if (
        !Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" ||
        typeof pair[1] !== "string"
      ) {
        fail(k, `must be a pair of names, e.g. ["tv", "promo"], got ${JSON.stringify(pair)}`);
      }
      let [a, b] = pair as [string, string];
      requireColumn(names, a, k, "channel or control");
      requireColumn(names, b, k, "channel or control");
      if (isChannel(names, b)) [a, b] = [b, a];
      if (isChannel(names, b)) {
        fail(
          k,
          `multiplies two channels ("${a}", "${b}"), whose joint effect cannot be credited to either`,
          "interact a channel with a control (a promotion, a price)",
        );
      }
      if (a === b) fail(k, `multiplies "${a}" by itself`);
      claim(names, interactionName(a, b), k);
      return [a, b];
    });
  },
  columns(value, context) {
    return value.map(([a, b]): FeatureColumn => {
      const x = context.columns.get(a) as Float64Array, z = context.columns.get(b) as Float64Array;
      const channel = context.data.channels.some((c) => c.name === a);
      const name = interactionName(a, b);
      return {
        name,
        term: channel ? a : name,
        group: channel ? "media" : "control",
        values: x.map((v, t) => v * (z[t] as number)),
      };
    });
  },
};
