import { describe, expect, it } from 'vitest';
import { EMPTY_EXTRAS, queueOptions } from './queue-options';

describe('queueOptions', () => {
  it.each([
    ['brightdata', { scrapeNow: true }, { options: { mode: 'now' } }],
    ['brightdata', {}, { options: {} }],
    ['scrapingpros', { collectionName: ' shoes ', fetchHtml: true }, { options: { collectionName: 'shoes', fetchHtml: true } }],
    ['scraperapi', { maxCost: '25' }, { options: { maxCost: 25 } }],
    ['scraperapi', { maxCost: '' }, { options: {} }],
    ['scraperapi', { maxCost: 'lots' }, { error: 'Max cost must be a positive number of credits.' }],
    // Choices for another provider are never sent.
    ['browser', { scrapeNow: true, fetchHtml: true, maxCost: '3' }, { options: {} }],
  ] as const)('%s %o', (provider, extras, expected) => {
    expect(queueOptions(provider, { ...EMPTY_EXTRAS, ...extras })).toEqual(expected);
  });
});
