import { ProviderId } from '@@/shared/schemas/job';
import { createJobsRepo } from '../db/jobs-repo';
import { openDb, type Job } from '../db/schema';
import type { Logger, PollPlan, ProviderAdapter } from '../providers/types';
import type { SchedulerDeps } from './deps';

export const TEST_PLAN: PollPlan = {
  firstPollDelayMs: 15_000,
  firstPollDelayWithRelayMs: 60_000,
  minIntervalMs: 5_000,
  maxIntervalMs: 300_000,
  backoffFactor: 2,
  concurrency: 2,
  retentionMs: 24 * 3600_000,
  maxTransientAttempts: 3,
};

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  info = (m: string) => void this.lines.push(`info ${m}`);
  warn = (m: string) => void this.lines.push(`warn ${m}`);
  error = (m: string) => void this.lines.push(`error ${m}`);
}

let dbCounter = 0;

/** A scheduler world on a fresh fake-indexeddb database, a settable clock and the given adapter. */
export function makeWorld(adapter: Partial<ProviderAdapter> & Pick<ProviderAdapter, 'submit' | 'status' | 'result'>) {
  let clock = 1_000_000;
  const repo = createJobsRepo(openDb(`test-${Date.now()}-${dbCounter++}`));
  const full: ProviderAdapter = {
    id: 'scrapedo',
    label: 'Fake',
    capabilities: { inputKinds: ['urls'], cancel: false, webhook: false, maxBatch: 10 },
    pollPlan: TEST_PLAN,
    defaultBaseUrl: 'http://127.0.0.1:1',
    needsKey: true,
    checkKey: async () => ({ ok: true, message: 'ok' }),
    ...adapter,
  };
  const settled: Job[] = [];
  const logger = new RecordingLogger();
  const deps: SchedulerDeps = {
    repo,
    adapters: Object.fromEntries(
      ProviderId.options.map((id) => [id, full]),
    ) as Record<ProviderId, ProviderAdapter>,
    now: () => clock,
    random: () => 0.5,
    logger,
    context: async () => ({ config: { apiKey: 'key', baseUrl: 'http://127.0.0.1:1', extra: {} } }),
    settings: async () => ({ pollIntervalScale: 1, concurrency: {} }),
    onJobSettled: async (job) => void settled.push(job),
  };
  const addJob = async (patch: Partial<Job> = {}): Promise<Job> => {
    const job: Job = {
      id: `job-${dbCounter++}`,
      provider: 'scrapedo',
      input: { kind: 'urls', urls: ['https://a.test/'] },
      label: 'https://a.test/',
      search: 'https://a.test/',
      options: {},
      status: 'queued',
      active: 1,
      providerJobIds: [],
      createdAt: clock,
      updatedAt: clock,
      nextPollAt: clock,
      polls: 0,
      attempts: 0,
      ...patch,
    };
    await repo.addJobs([job]);
    return job;
  };
  return {
    deps,
    repo,
    settled,
    logger,
    addJob,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}
