import { describe, expect, it } from 'vitest';
import type { JobInput } from '@@/shared/schemas/job';
import { countLabel, formatAge, jobLabel, providerLabel } from './format';

describe('countLabel', () => {
  it.each([
    [0, '0 jobs'],
    [1, '1 job'],
    [1234, '1,234 jobs'],
    [100_000, '100,000 jobs'],
  ])('%d', (input, expected) => {
    expect(countLabel(input, 'job')).toBe(expected);
  });
});

describe('formatAge', () => {
  const now = 1_000_000_000;
  it.each([
    [now - 500, 'just now'],
    [now - 12_000, '12 s ago'],
    [now - 5 * 60_000, '5 min ago'],
    [now - 3 * 3_600_000, '3 h ago'],
    [now - 2 * 86_400_000, '2 d ago'],
    [now + 5_000, 'just now'],
  ])('%d', (input, expected) => {
    expect(formatAge(input, now)).toBe(expected);
  });
});

describe('jobLabel', () => {
  it.each<[JobInput, string]>([
    [{ kind: 'urls', urls: ['https://a.test/'] }, 'https://a.test/'],
    [{ kind: 'urls', urls: ['https://a.test/', 'https://b.test/', 'https://c.test/'] }, '3 URLs: https://a.test/'],
    [{ kind: 'prompt', prompt: 'Best laptop?', scraper: 'gemini' }, 'Best laptop?'],
    [{ kind: 'discover', keyword: 'shoes' }, 'Keyword “shoes”'],
  ])('%o', (input, expected) => {
    expect(jobLabel({ input })).toBe(expected);
  });

  it('never starts a discovery label with the Discover button’s name', () => {
    expect(jobLabel({ input: { kind: 'discover', keyword: 'x' } })).not.toMatch(/discover/i);
  });
});

describe('providerLabel', () => {
  it('names the assistant for prompt jobs', () => {
    expect(providerLabel({ provider: 'scrapellm', input: { kind: 'prompt', prompt: 'q', scraper: 'google_ai_mode' } })).toBe(
      'ScrapeLLM · Google AI Mode',
    );
    expect(providerLabel({ provider: 'scraperapi', input: { kind: 'urls', urls: ['https://a.test/'] } })).toBe('ScraperAPI');
  });
});
