/**
 * Residual and design diagnostics: Durbin–Watson, Ljung–Box, Jarque–Bera and Breusch–Pagan
 * tests (matching statsmodels), variance inflation factors, coefficient stability across
 * rolling windows, and a one-table residual report.
 *
 * @module
 */
export * from "./durbin_watson.ts";
export * from "./ljung_box.ts";
export * from "./jarque_bera.ts";
export * from "./breusch_pagan.ts";
export * from "./vif.ts";
export * from "./coefficient_stability.ts";
export * from "./residual_report.ts";
export * from "./residual_diagnostics.ts";
export * from "./rolling_stability.ts";
