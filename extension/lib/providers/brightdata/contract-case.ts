/**
 * Bright Data in the contract suite, with what reference §1 leaves open: the progress vocabulary
 * (starting/running or collecting/digesting [CONFLICT]) and the records body (array, one bare object,
 * or NDJSON whatever format was asked).
 * @module
 */
import { expect } from 'vitest';
import { startFakeBrightData, type FakeBrightData, type FakeBrightDataOptions } from '@@/e2e/fakes/brightdata';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { ContractCase } from '../contract-case';
import { brightData } from './index';

const ONE = { kind: 'urls' as const, urls: ['https://example.com/contract/one'] };
const markdown = (records: ScrapeRecord[]) => {
  for (const r of records) expect(r.markdown ?? r.html).toContain(r.url);
};

export const contract: ContractCase<FakeBrightData, FakeBrightDataOptions> = {
  descriptor: brightData,
  start: startFakeBrightData,
  key: (fake) => fake.apiKey,
  variants: [
    { name: 'progress says starting/running', options: { statusVocabulary: 'api' }, check: markdown },
    { name: 'progress says collecting/digesting', options: { statusVocabulary: 'guide' }, check: markdown },
    { name: 'one record as a bare object', options: { singleObject: true }, input: ONE, check: markdown },
    { name: 'records as NDJSON though JSON was asked', options: { alwaysNdjson: true }, check: markdown },
  ],
};
