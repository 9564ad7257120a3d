/**
 * ScrapeLLM in the contract suite, with what reference §5 leaves open: the 202 submit body (`job_id`,
 * `id` or nested `job.id`) and status, the `links` item shape, and `credits_used` as number or text.
 * @module
 */
import { expect } from 'vitest';
import { startFakeScrapeLlm, type FakeScrapeLlm, type FakeScrapeLlmOptions } from '@@/e2e/fakes/scrapellm';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { ContractCase } from '../contract-case';
import { scrapeLlm } from './index';

const sourcesRead = (records: ScrapeRecord[]) => {
  expect(records[0]?.answer?.sources.map((s) => s.url)).toEqual(['https://source.example/1', 'https://source.example/2']);
};

export const contract: ContractCase<FakeScrapeLlm, FakeScrapeLlmOptions> = {
  descriptor: scrapeLlm,
  start: startFakeScrapeLlm,
  key: (fake) => fake.apiKey,
  input: { kind: 'prompt', prompt: 'Best coffee in Lisbon?', scraper: 'perplexity' },
  variants: [
    { name: 'submit body {job_id}', options: { submitShape: 'job_id' } },
    { name: 'submit body {id}', options: { submitShape: 'id' } },
    { name: 'submit body {job: {id}}', options: { submitShape: 'nested' } },
    { name: 'submit answered 200, not 202', options: { submitStatus: 200 } },
    { name: 'links as objects', options: { linksAs: 'objects' }, check: sourcesRead },
    { name: 'links as plain URLs', options: { linksAs: 'strings' }, check: sourcesRead },
    { name: 'credits_used as text', options: { creditsAs: 'string' } },
    { name: 'credits_used left out', options: { creditsAs: 'absent' } },
  ],
};
