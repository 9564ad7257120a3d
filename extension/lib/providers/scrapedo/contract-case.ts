/**
 * Scrape.do in the contract suite, with the task-answer shapes reference §3 leaves open: the content
 * field (Base64EncodedContent as Base64 text, or as a boolean/number/string flag saying whether
 * Content is Base64, or Content alone), the error-text field name, where the request cost is carried
 * (Scrape.do-Request-Cost in ResponseHeaders, the "Scrape.do" object, the top level), and the create status code.
 * @module
 */
import { expect } from 'vitest';
import { startFakeScrapeDo, type FakeScrapeDo, type FakeScrapeDoOptions } from '@@/e2e/fakes/scrapedo';
import { fakePageHtml } from '@@/e2e/fakes/server';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { ContractCase, ContractVariant } from '../contract-case';
import { scrapeDo } from './index';

/** The page came through decoded, whatever shape carried it. */
const decodedPages = (records: ScrapeRecord[]) => {
  for (const r of records) expect(r.html).toBe(fakePageHtml(r.url));
};

const contentShapes: NonNullable<FakeScrapeDoOptions['contentShape']>[] = [
  'base64-string',
  'plain',
  'flag-true',
  'flag-false',
  'flag-1',
  'flag-0',
  'flag-"true"',
];

const errorFields: NonNullable<FakeScrapeDoOptions['errorField']>[] = ['Error', 'ErrorMessage', 'Message'];

const costShapes: NonNullable<FakeScrapeDoOptions['costShape']>[] = ['header', 'header-list', 'scrape-do-object', 'top-level'];

export const contract: ContractCase<FakeScrapeDo, FakeScrapeDoOptions> = {
  descriptor: scrapeDo,
  start: startFakeScrapeDo,
  key: (fake) => fake.token,
  variants: [
    ...contentShapes.map(
      (contentShape): ContractVariant<FakeScrapeDoOptions> => ({ name: `content ${contentShape}`, options: { contentShape }, check: decodedPages }),
    ),
    ...errorFields.map(
      (errorField): ContractVariant<FakeScrapeDoOptions> => ({
        name: `a failed task's error text in ${errorField}`,
        options: { errorField },
        input: { kind: 'urls', urls: ['https://example.com/contract/fail'] },
        expectRecordErrors: true,
        check: (records) => expect(records[0]?.error).toBe('Target returned an error after retries (HTTP 502)'),
      }),
    ),
    ...costShapes.map(
      (costShape): ContractVariant<FakeScrapeDoOptions> => ({
        name: `request cost as ${costShape}`,
        options: { costShape, requestCost: 5 },
        check: (records) => expect(records.map((r) => r.cost)).toEqual(records.map(() => 5)),
      }),
    ),
    {
      name: 'no request cost anywhere: unknown, not 0',
      options: { costShape: 'none' },
      check: (records) => expect(records.map((r) => r.cost)).toEqual(records.map(() => undefined)),
    },
    {
      name: 'a failed task costs nothing',
      options: { requestCost: 5 },
      input: { kind: 'urls', urls: ['https://example.com/contract/ok', 'https://example.com/contract/fail'] },
      expectRecordErrors: true,
      check: (records) => expect(records.map((r) => [r.url, r.cost])).toEqual([
        ['https://example.com/contract/ok', 5],
        ['https://example.com/contract/fail', 0],
      ]),
    },
    { name: 'job created with 201', options: { createStatus: 201 }, check: decodedPages },
    { name: 'credits spelled AvailableCredits', options: { account: { misspelled: false } } },
  ],
  checkKey: () => ({ message: /^Scrape\.do token works: 1000 credits/, remainingCredits: 1000 }),
};
