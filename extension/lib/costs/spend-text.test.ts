import { describe, expect, it } from 'vitest';
import { spendText } from './spend-text';

describe('spendText', () => {
  it.each([
    [{ credits: 0, jobs: 0, unknownJobs: 0 }, '0 credits'],
    [{ credits: 1, jobs: 1, unknownJobs: 0 }, '1 credit (1 job)'],
    [{ credits: 1234.5, jobs: 12, unknownJobs: 0 }, '1,234.5 credits (12 jobs)'],
    [{ credits: 0, jobs: 0, unknownJobs: 1 }, '0 credits · 1 job with unknown cost'],
    [{ credits: 3, jobs: 2, unknownJobs: 4 }, '3 credits (2 jobs) · 4 jobs with unknown cost'],
  ])('%j', (spend, expected) => {
    expect(spendText(spend)).toBe(expected);
  });
});
