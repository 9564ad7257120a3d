import { describe, expect, it } from 'vitest';
import { newJob, type NewJobSpec } from '../jobs/build-jobs';
import { descriptor } from '../providers/registry';
import { adapterFor, recordingLogger } from '../providers/testing';
import { callContext } from './provider-context';
import { parseSettings } from './schema';

describe('callContext webhook URL', () => {
  const settings = parseSettings({});
  const relay = { webhookUrl: 'https://relay.test/v1/hooks/ch/tok' };

  it('tags the URL with provider, job id and the job\'s own token', () => {
    const adapter = adapterFor(descriptor('scrapedo'), { fetch: globalThis.fetch, now: Date.now, logger: recordingLogger() });
    const job = newJob({ provider: 'scrapedo', input: { kind: 'urls', urls: ['https://a.test/'] }, options: {}, groupId: 'g' }, 1, 0, 'job-1');
    const url = new URL(callContext(settings, adapter, relay, job).webhookUrl ?? '');
    expect(url.pathname).toBe('/v1/hooks/ch/tok');
    expect(url.searchParams.get('p')).toBe('scrapedo');
    expect(url.searchParams.get('j')).toBe('job-1');
    expect(url.searchParams.get('t')).toBe(job.webhookToken);
    expect(job.webhookToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('leaves t= out for a job stored before tokens existed', () => {
    const adapter = adapterFor(descriptor('scrapedo'), { fetch: globalThis.fetch, now: Date.now, logger: recordingLogger() });
    const url = new URL(callContext(settings, adapter, relay, { id: 'old' }).webhookUrl ?? '');
    expect(url.searchParams.get('j')).toBe('old');
    expect(url.searchParams.has('t')).toBe(false);
  });
});

describe('newJob', () => {
  it('gives every job its own token', () => {
    const spec: NewJobSpec = { provider: 'scrapedo', input: { kind: 'urls', urls: ['https://a.test/'] }, options: {}, groupId: 'g' };
    const tokens = new Set(Array.from({ length: 50 }, (_, i) => newJob(spec, 1, i, `j${i}`).webhookToken));
    expect(tokens.size).toBe(50);
  });
});
