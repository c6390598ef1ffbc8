/**
 * Web Worker entry point of `fitBayesParallel`: serves the national MMM's chain jobs
 * (`_chain_host.ts`).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { runChainJob } from "./_run_chain.ts";
import { serveChains } from "./_chain_host.ts";

serveChains(runChainJob);
