/**
 * The page's one engine worker, shared by every widget and source on the page (a second widget on the same
 * dataset costs no second computation). Created on first use; a host may hand in its own client first.
 */
import { EngineClient, type EngineClientOptions } from './engine-client.js';

let engine: EngineClient | null = null;

export function pageEngine(opts?: EngineClientOptions): EngineClient {
  engine ??= new EngineClient(opts);
  return engine;
}

/** Hands in the client to use (a host with a strict CSP makes the Worker itself). */
export function setPageEngine(client: EngineClient): void {
  engine = client;
}
