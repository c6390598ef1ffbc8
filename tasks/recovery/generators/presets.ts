/**
 * The data sets issue 12 describes, as generator settings:
 * - `issue12a`: 156 weeks, tv / search / social / display with true ROAS 1.60 / 2.50 / 1.20 /
 *   1.00, Robyn geometric adstock with decay 0.2–0.6, Hill half-saturation at 35–55% of each
 *   channel's peak adstocked spend (Robyn's γ), shape 1.2–2.5, price and promo, two yearly
 *   Fourier pairs, a linear trend, noise 5% of revenue, media 29% of revenue. Spend as an
 *   advertiser runs it: tv and display in flights, search and social always on, correlation 0.3;
 * - `issue12a-hisig`: its high-signal twin, 208 weeks of independent bursty (flighted) spend and
 *   2% noise;
 * - `issue12b`: the shape of PyMC-Marketing's `mmm_example.csv` (anchors.md §4a): 179 weeks from
 *   2018-04-02, two channels scaled by their maximum, normalised geometric adstock over 8 lags
 *   with decays 0.4 and 0.2, logistic saturation with λ 4 and 3, a trend, seasonality and two
 *   event dummies. ROAS 2.5 and 1.15 at spend shares of about 0.66 / 0.34 give the effect shares
 *   0.81 / 0.19 the issue reports.
 *
 * @module
 */
import type { MeridianSettings } from "./meridian.ts";
import type { RobynSettings } from "./robyn.ts";

/** A preset: which generator, with which settings. */
export type Preset =
  | { readonly generator: "robyn"; readonly settings: RobynSettings }
  | { readonly generator: "meridian"; readonly settings: MeridianSettings };

const ISSUE12A: RobynSettings = {
  weeks: 156,
  channels: ["tv", "search", "social", "display"],
  roas: { each: [1.6, 2.5, 1.2, 1.0] },
  spendLevels: [20000, 12000, 8000, 5000],
  spend: ["flighted", "always-on", "always-on", "flighted"],
  correlation: 0.3,
  noise: 0.05,
  mediaShare: 0.29,
  adstock: "geometric",
  decay: [0.2, 0.6],
  gamma: [0.35, 0.55],
  shape: [1.2, 2.5],
};

/** The presets by name. */
export const PRESETS: Readonly<Record<string, Preset>> = {
  issue12a: { generator: "robyn", settings: ISSUE12A },
  "issue12a-hisig": {
    generator: "robyn",
    settings: { ...ISSUE12A, weeks: 208, spend: "flighted", correlation: 0, noise: 0.02 },
  },
  issue12b: {
    generator: "meridian",
    settings: {
      weeks: 179,
      start: "2018-04-02",
      channels: ["x1", "x2"],
      roas: { each: [2.5, 1.15] },
      spendLevels: [6600, 3400],
      spend: ["always-on", "flighted"],
      correlation: 0,
      noise: 0.05,
      mediaShare: 0.25,
      price: false,
      promo: false,
      events: 2,
      adstock: "geometric",
      alpha: { each: [0.4, 0.2] },
      window: 8,
      scaling: "max",
      saturation: "logistic",
      lambda: { each: [4, 3] },
      baseline: "trend",
    },
  },
};
