/**
 * Web Worker entry point of `fitGeoBayes`: serves geo chain jobs (`bayes/_chain_host.ts`).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { serveChains } from "../../bayes/_chain_host.ts";
import { runGeoChainJob } from "./_geo_chain.ts";

serveChains(runGeoChainJob);
