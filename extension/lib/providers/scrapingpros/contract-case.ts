/**
 * ScrapingPros in the contract suite, with what reference §4 leaves open: which doc version is live
 * (per-job results or none [CONFLICT]), the list shapes (bare array, `{items}`, `{jobs}`), the run job's id
 * field, and the result's status-code field.
 * @module
 */
import { expect } from 'vitest';
import { startFakeScrapingPros, type FakeScrapingPros, type FakeScrapingProsOptions } from '@@/e2e/fakes/scrapingpros';
import { fakePageHtml } from '@@/e2e/fakes/server';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { ContractCase } from '../contract-case';
import { scrapingPros } from './index';

const pages = (records: ScrapeRecord[]) => {
  for (const r of records) expect(r.html).toBe(fakePageHtml(r.url));
};
const withStatus = (records: ScrapeRecord[]) => {
  pages(records);
  for (const r of records) expect(r.statusCode).toBe(200);
};
const newer: FakeScrapingProsOptions = { perJobResults: true };

export const contract: ContractCase<FakeScrapingPros, FakeScrapingProsOptions> = {
  descriptor: scrapingPros,
  start: (options) => startFakeScrapingPros({ perJobResults: true, ...options }),
  key: (fake) => fake.apiKey,
  variants: [
    {
      name: 'seed API: no per-job results (URLs listed, content only on opt-in)',
      options: { perJobResults: false },
      contentless: true,
      check: (records) => expect(records.map((r) => r.url)).toEqual(['https://example.com/contract/a', 'https://example.com/contract/b']),
    },
    { name: 'run jobs as {items}', options: { ...newer, jobsShape: 'items' }, check: withStatus },
    { name: 'run jobs as a bare array', options: { ...newer, jobsShape: 'array' }, check: withStatus },
    { name: 'run jobs as {jobs}', options: { ...newer, jobsShape: 'jobs' }, check: withStatus },
    { name: 'run job id in `id`', options: { ...newer, jobIdField: 'id' }, check: withStatus },
    { name: 'result status in status_code', options: { ...newer, statusCodeField: 'status_code' }, check: withStatus },
    { name: 'collection list as {items}', options: { ...newer, listShape: 'items' }, check: withStatus },
  ],
};
