import { describe, expect, it } from 'vitest';
import type { Job } from '@/lib/db/schema';
import { jobToJson } from './json';

const job: Job = {
  id: 'job-1',
  provider: 'scraperapi',
  input: { kind: 'urls', urls: ['https://a.test/'] },
  label: 'https://a.test/',
  search: 'https://a.test/',
  options: { maxCost: 5, apiKey: 'sk-secret', render: true },
  status: 'done',
  active: 0,
  ref: { internal: true },
  providerJobIds: ['p-1'],
  createdAt: Date.UTC(2026, 0, 1),
  updatedAt: Date.UTC(2026, 0, 1, 0, 1),
  finishedAt: Date.UTC(2026, 0, 1, 0, 1),
  nextPollAt: 0,
  polls: 3,
  attempts: 0,
  cost: '5 credits',
};

describe('jobToJson', () => {
  it('exports the job and its records with ISO times', () => {
    const actual = JSON.parse(jobToJson(job, [{ url: 'https://a.test/', statusCode: 200 }])) as Record<string, unknown>;
    expect(actual).toMatchObject({
      id: 'job-1',
      provider: 'scraperapi',
      status: 'done',
      providerJobIds: ['p-1'],
      createdAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
      cost: '5 credits',
      records: [{ url: 'https://a.test/', statusCode: 200 }],
    });
  });

  it('never exports credentials or internal bookkeeping', () => {
    const actual = jobToJson(job);
    expect(actual).not.toContain('sk-secret');
    expect(actual).toContain('"apiKey": "[redacted]"');
    expect(actual).toContain('"maxCost": 5');
    for (const key of ['search', 'ref', 'polls', 'nextPollAt', 'attempts']) expect(actual).not.toContain(`"${key}"`);
  });
});
