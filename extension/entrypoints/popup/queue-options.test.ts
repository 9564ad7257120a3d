import { describe, expect, it } from 'vitest';
import type { ProviderId } from '@@/shared/schemas/job';
import { descriptor } from '@/lib/providers/registry';
import { queueOptions, type ExtraValues } from './queue-options';

describe('queueOptions', () => {
  it.each<[ProviderId, ExtraValues, ReturnType<typeof queueOptions>]>([
    ['brightdata', { mode: true }, { options: { mode: 'now' } }],
    ['brightdata', {}, { options: {} }],
    ['scrapingpros', { collectionName: ' shoes ', fetchHtml: true }, { options: { collectionName: 'shoes', fetchHtml: true } }],
    ['scraperapi', { maxCost: '25' }, { options: { maxCost: 25 } }],
    ['scraperapi', { maxCost: '' }, { options: {} }],
    ['scraperapi', { maxCost: 'lots' }, { error: 'Max cost must be a positive number of credits.' }],
    ['scraperapi', { maxCost: '-2' }, { error: 'Max cost must be a positive number of credits.' }],
    // Choices for another provider are never sent.
    ['browser', { mode: true, fetchHtml: true, maxCost: '3' }, { options: {} }],
  ])('%s %o', (provider, values, expected) => {
    expect(queueOptions(descriptor(provider), values)).toEqual(expected);
  });
});
