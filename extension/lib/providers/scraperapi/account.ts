/**
 * ScraperAPI's account figures for the key check. The Async API has no account call (§2); ScraperAPI's
 * `GET /account?api_key=…` on its main API host tells credits used and the plan's limit
 * (docs.scraperapi.com/account-information; the key goes in the query there, as documented).
 * Field shapes are not in provider-apis.md, so every figure is read tolerantly; unknown → undefined.
 * @module
 */
import { z } from 'zod';
import { readCredits } from '../kit/credits';
import { isOk, sendToApi } from '../kit/http';
import type { ProviderConfig, ProviderDeps } from '../types';

/** The main API host: the documented home of /account when the async base URL is the default one. */
export const ACCOUNT_BASE_URL = 'https://api.scraperapi.com';
const DEFAULT_ASYNC_ORIGIN = 'https://async.scraperapi.com';

/**
 * Where /account lives for this configuration: ScraperAPI's main API host for the default async host; a
 * custom base URL (a company proxy, a test fake) is asked itself, so the key never goes anywhere new.
 */
export function accountConfig(config: ProviderConfig): ProviderConfig {
  return new URL(config.baseUrl).origin === DEFAULT_ASYNC_ORIGIN ? { ...config, baseUrl: ACCOUNT_BASE_URL } : config;
}

const figure = z.unknown().optional().transform((v) => readCredits(v));
const Account = z.looseObject({ requestCount: figure, requestLimit: figure, concurrencyLimit: figure, concurrentRequests: figure });

export interface ScraperApiAccount {
  /** Credits left this cycle (limit − used), when both are told. */
  remainingCredits?: number;
  used?: number;
  limit?: number;
  concurrencyLimit?: number;
}

/** Reads an /account answer body; anything that is not such a JSON object reads as "nothing known". */
export function readAccount(text: string): ScraperApiAccount {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  const parsed = Account.safeParse(raw);
  if (!parsed.success) return {};
  const { requestCount: used, requestLimit: limit, concurrencyLimit } = parsed.data;
  return {
    ...(used !== undefined && { used }),
    ...(limit !== undefined && { limit }),
    ...(concurrencyLimit !== undefined && { concurrencyLimit }),
    ...(used !== undefined && limit !== undefined && { remainingCredits: Math.max(0, limit - used) }),
  };
}

/** The account's figures, or nothing when the call fails in any way (the key check itself stands alone). */
export async function fetchAccount(deps: ProviderDeps, config: ProviderConfig): Promise<ScraperApiAccount> {
  try {
    const res = await sendToApi(deps, accountConfig(config), {}, { path: '/account', query: { api_key: config.apiKey } });
    return isOk(res) ? readAccount(res.text) : {};
  } catch (e) {
    deps.logger.warn('ScraperAPI /account unavailable; the key check shows no credits', { error: e instanceof Error ? e.message : String(e) });
    return {};
  }
}
