/**
 * ScraperAPI in the contract suite, with what reference §2 leaves open: the error body (text or JSON),
 * a submit answer without `statusUrl`, what DELETE answers, and jobs without an `sa-credit-cost` header.
 * A 403 is not an auth problem here: it means out of credits, a plan limit or max_cost (§2 Errors).
 * @module
 */
import { expect } from 'vitest';
import { startFakeScraperApi, type FakeScraperApi, type FakeScraperApiOptions } from '@@/e2e/fakes/scraperapi';
import { fakePageHtml } from '@@/e2e/fakes/server';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { ContractCase } from '../contract-case';
import { scraperApi } from './index';

const pages = (records: ScrapeRecord[]) => {
  for (const r of records) expect(r.html).toBe(fakePageHtml(r.url));
};

export const contract: ContractCase<FakeScraperApi, FakeScraperApiOptions> = {
  descriptor: scraperApi,
  start: startFakeScraperApi,
  key: (fake) => fake.apiKey,
  forbidden: 'fatal',
  variants: [
    { name: 'errors as plain text', options: { errorBody: 'text' }, check: pages },
    { name: 'errors as JSON {error}', options: { errorBody: 'json-error' }, check: pages },
    { name: 'errors as JSON {message}', options: { errorBody: 'json-message' }, check: pages },
    { name: 'submit answer without statusUrl', options: { omitStatusUrl: true }, check: pages },
    { name: 'one URL without statusUrl', options: { omitStatusUrl: true }, input: { kind: 'urls', urls: ['https://example.com/contract/one'] }, check: pages },
    { name: 'DELETE answers 204 with no body', options: { cancelAnswer: 'empty' }, check: pages },
    { name: 'DELETE answers text', options: { cancelAnswer: 'text' }, check: pages },
    { name: 'no sa-credit-cost header', options: { omitCreditHeader: true }, check: pages },
    // GET /account (main API): figure shapes are undocumented. After the two 1-credit pages, 998 of 1000 are left.
    { name: 'account figures as numbers', options: { accountAnswer: 'numbers' }, check: pages, checkKey: (k) => expect(k.remainingCredits).toBe(998) },
    { name: 'account figures as numeric strings', options: { accountAnswer: 'strings' }, check: pages, checkKey: (k) => expect(k.remainingCredits).toBe(998) },
    { name: 'account without requestLimit', options: { accountAnswer: 'no-limit' }, check: pages, checkKey: (k) => expect(k.remainingCredits).toBeUndefined() },
    { name: 'no account endpoint (404)', options: { accountAnswer: 'missing', creditLimit: 5 }, check: pages, checkKey: (k) => expect(k).toEqual({ ok: true, message: 'Key accepted by ScraperAPI.' }) },
  ],
  checkKey: () => ({ message: /^Key accepted by ScraperAPI: 1,000 credits left\.$/, remainingCredits: 1000 }),
};
