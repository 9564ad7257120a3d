/**
 * Every Scrape.do request carries `X-Token` (only to the configured origin); error answers are
 * `{"Error": "...", "Code": n}` (seed "Error Responses"), read by scrapeDoMessage. Retry-After on 429 is
 * undocumented (reference §3), so the kit's backoff decides the wait.
 * @module
 */
import { createApiClient } from '../kit/client';
import type { ProviderDeps } from '../types';
import { scrapeDoMessage } from './messages';

export const createScrapeDoClient = (deps: ProviderDeps) =>
  createApiClient(deps, { auth: (config) => ({ 'x-token': config.apiKey }), message: scrapeDoMessage });
