import { describe, expect, it } from 'vitest';
import { ProviderError } from '../providers/errors';
import { pollDelay, retryDelay } from './backoff';
import { processJob, AUTH_PAUSE_MS } from './process-job';
import { createJobActions } from '../jobs/job-actions';
import { createScheduler, WATCHDOG_MS } from './scheduler';
import { makeWorld, TEST_PLAN } from './test-helpers';

const fixed = { random: () => 0.5, scale: 1, relayConnected: false };

describe('pollDelay', () => {
  it('starts at the first delay and grows geometrically up to the cap', () => {
    const actual = [0, 1, 2, 3, 10].map((n) => pollDelay(TEST_PLAN, n, fixed));
    expect(actual).toEqual([15_000, 30_000, 60_000, 120_000, 300_000]);
  });

  it('waits longer first when a relay will deliver a webhook', () => {
    expect(pollDelay(TEST_PLAN, 0, { ...fixed, relayConnected: true })).toBe(60_000);
  });

  it('applies ±10 % jitter and the user scale', () => {
    expect(pollDelay(TEST_PLAN, 0, { ...fixed, random: () => 0 })).toBe(13_500);
    expect(pollDelay(TEST_PLAN, 0, { ...fixed, random: () => 0.999999 })).toBe(16_500);
    expect(pollDelay(TEST_PLAN, 0, { ...fixed, scale: 2 })).toBe(30_000);
  });

  it('needs fewer than 2 polls on average for jobs lasting 5–30 s', () => {
    let polls = 0;
    let jobs = 0;
    for (let duration = 5_000; duration <= 30_000; duration += 250) {
      let t = 0;
      let n = 0;
      do {
        t += pollDelay(TEST_PLAN, n, fixed);
        n++;
      } while (t < duration);
      polls += n;
      jobs++;
    }
    expect(polls / jobs).toBeLessThan(2);
  });
});

describe('retryDelay', () => {
  it('grows exponentially and honours Retry-After', () => {
    expect(retryDelay(0, undefined, () => 0.5)).toBe(2_000);
    expect(retryDelay(3, undefined, () => 0.5)).toBe(16_000);
    expect(retryDelay(0, 45_000, () => 0.5)).toBe(45_000);
    expect(retryDelay(30, undefined, () => 0.5)).toBe(600_000);
  });
});

const ok = { ref: { id: 'p1' }, providerJobIds: ['p1'] };
const page = [{ url: 'https://a.test/', html: '<p>hi</p>' }];

describe('processJob', () => {
  it('records the provider job id at submit, then polls until done and stores the records', async () => {
    let state: 'running' | 'done' = 'running';
    const world = makeWorld({
      submit: async () => ok,
      status: async () => ({ state }),
      result: async () => page,
    });
    const job = await world.addJob();
    await processJob(world.deps, job);
    const submitted = await world.repo.get(job.id);
    expect(submitted).toMatchObject({ status: 'submitted', providerJobIds: ['p1'], ref: { id: 'p1' } });
    expect(submitted?.nextPollAt).toBe(world.now() + 15_000);

    world.advance(15_000);
    await processJob(world.deps, submitted!);
    const running = await world.repo.get(job.id);
    expect(running).toMatchObject({ status: 'running', polls: 1 });
    expect(running?.nextPollAt).toBe(world.now() + 30_000);

    state = 'done';
    world.advance(30_000);
    await processJob(world.deps, running!);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'done', active: 0, polls: 2, recordCount: 1 });
    expect((await world.repo.getResult(job.id))?.records).toEqual(page);
    expect(world.settled.map((j) => j.status)).toEqual(['done']);
  });

  it('never fails a job for a 429 and waits at least Retry-After', async () => {
    const world = makeWorld({
      submit: async () => {
        throw new ProviderError('rate-limit', 'slow down', { status: 429, retryAfterMs: 90_000 });
      },
      status: async () => ({ state: 'running' }),
      result: async () => [],
    });
    const job = await world.addJob();
    for (let i = 0; i < 10; i++) {
      const current = (await world.repo.get(job.id))!;
      await processJob(world.deps, current);
      const after = (await world.repo.get(job.id))!;
      expect(after.status).toBe('queued');
      expect(after.nextPollAt - world.now()).toBeGreaterThanOrEqual(90_000);
      world.advance(after.nextPollAt - world.now());
    }
  });

  it('pauses with a fix-your-key message on auth errors instead of retrying', async () => {
    const world = makeWorld({
      submit: async () => {
        throw new ProviderError('auth', 'Invalid credentials', { status: 401 });
      },
      status: async () => ({ state: 'running' }),
      result: async () => [],
    });
    const job = await world.addJob();
    await processJob(world.deps, job);
    const after = await world.repo.get(job.id);
    expect(after).toMatchObject({ status: 'queued', paused: 'auth', active: 1 });
    expect(after?.error).toContain('Fix your key');
    expect(after?.nextPollAt).toBe(world.now() + AUTH_PAUSE_MS);
  });

  it('leaves a job queued and waiting when its host is not granted, and runs it once access is added', async () => {
    let granted = false;
    const world = makeWorld({
      submit: async () => {
        if (!granted) throw new ProviderError('access', 'Waiting for access to https://a.test.');
        return { ref: {}, providerJobIds: ['p1'] };
      },
      status: async () => ({ state: 'running' }),
      result: async () => [],
    });
    const job = await world.addJob();
    await processJob(world.deps, job);
    const waiting = await world.repo.get(job.id);
    expect(waiting).toMatchObject({ status: 'queued', paused: 'access', active: 1, error: 'Waiting for access to https://a.test.' });
    expect(world.settled).toHaveLength(0);

    granted = true;
    let kicked = 0;
    await createJobActions(world.deps, () => kicked++).resumeWaitingForAccess();
    expect(kicked).toBe(1);
    const due = await world.repo.get(job.id);
    expect(due?.nextPollAt).toBe(world.now());
    await processJob(world.deps, due!);
    const after = await world.repo.get(job.id);
    expect(after?.status).toBe('submitted');
    expect(after?.paused).toBeUndefined();
    expect(after?.error).toBeUndefined();
  });

  it('retries 5xx with backoff up to the limit, then fails with the last error', async () => {
    let calls = 0;
    const world = makeWorld({
      submit: async () => ok,
      status: async () => {
        calls++;
        throw new ProviderError('transient', `HTTP 503 #${calls}`, { status: 503 });
      },
      result: async () => [],
    });
    const job = await world.addJob();
    await processJob(world.deps, job);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const current = (await world.repo.get(job.id))!;
      world.advance(current.nextPollAt - world.now());
      await processJob(world.deps, current);
      const after = (await world.repo.get(job.id))!;
      delays.push(after.nextPollAt - world.now());
    }
    const final = await world.repo.get(job.id);
    expect(final).toMatchObject({ status: 'failed', active: 0 });
    expect(final?.error).toBe('Gave up after 3 attempts: HTTP 503 #3');
    expect(delays.slice(0, 2)).toEqual([4_000, 8_000]);
  });

  it('fails only the job whose provider answer is malformed', async () => {
    const world = makeWorld({
      submit: async (job) => {
        if (job.id.endsWith('bad')) throw new ProviderError('fatal', 'Malformed response from Fake: body: expected object');
        return ok;
      },
      status: async () => ({ state: 'running' }),
      result: async () => [],
    });
    const bad = await world.addJob({ id: 'x-bad' });
    const good = await world.addJob({ id: 'x-good' });
    await processJob(world.deps, bad);
    await processJob(world.deps, good);
    expect(await world.repo.get('x-bad')).toMatchObject({ status: 'failed', error: expect.stringContaining('Malformed') });
    expect(await world.repo.get('x-good')).toMatchObject({ status: 'submitted' });
  });

  it('marks a job expired once its retention deadline passes', async () => {
    const world = makeWorld({ submit: async () => ok, status: async () => ({ state: 'running' }), result: async () => [] });
    const job = await world.addJob();
    await processJob(world.deps, job);
    world.advance(TEST_PLAN.retentionMs + 1);
    await processJob(world.deps, (await world.repo.get(job.id))!);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'expired', active: 0 });
  });

  it('treats not-ready results as another poll, not a failure', async () => {
    const world = makeWorld({
      submit: async () => ok,
      status: async () => ({ state: 'done' }),
      result: async () => {
        throw new ProviderError('not-ready', 'Snapshot is building', { retryAfterMs: 10_000 });
      },
    });
    const job = await world.addJob();
    await processJob(world.deps, job);
    await processJob(world.deps, (await world.repo.get(job.id))!);
    const after = await world.repo.get(job.id);
    expect(after).toMatchObject({ status: 'submitted', polls: 1 });
    expect(after?.nextPollAt).toBe(world.now() + 10_000);
  });
});

describe('user actions during a step', () => {
  it('a job canceled while its status request is in flight stays canceled', async () => {
    let release: () => void = () => {};
    const world = makeWorld({
      submit: async () => ok,
      status: () => new Promise((resolve) => (release = () => resolve({ state: 'done', records: page }))),
      result: async () => page,
    });
    const job = await world.addJob();
    await processJob(world.deps, job);
    const step = processJob(world.deps, (await world.repo.get(job.id))!);
    const actions = createJobActions(world.deps, () => {});
    await actions.cancel(job.id);
    release();
    await step;
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'canceled', active: 0 });
    expect(await world.repo.getResult(job.id)).toBeUndefined();
    expect(world.settled.map((j) => j.status)).toEqual(['canceled']);
  });
});

describe('createScheduler', () => {
  it('keeps each provider within its concurrency cap and wakes at the earliest due job', async () => {
    let inFlight = 0;
    let peak = 0;
    const world = makeWorld({
      submit: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return ok;
      },
      status: async () => ({ state: 'running' }),
      result: async () => [],
    });
    for (let i = 0; i < 8; i++) await world.addJob();
    const alarms: (number | undefined)[] = [];
    const scheduler = createScheduler(world.deps, {
      setAlarm: async (when) => void alarms.push(when),
      setTimer: () => {},
    });
    await scheduler.run();
    expect(peak).toBe(TEST_PLAN.concurrency);
    const jobs = await world.repo.activeJobs();
    expect(jobs.every((j) => j.status === 'submitted')).toBe(true);
    expect(alarms[0]).toBe(world.now() + WATCHDOG_MS);
    expect(alarms.at(-1)).toBe(world.now() + 15_000);
  });

  it('uses a concurrency override from settings (parallel page fetches, Scrape.do FreeConcurrency)', async () => {
    let inFlight = 0;
    let peak = 0;
    const world = makeWorld({
      submit: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return ok;
      },
      status: async () => ({ state: 'running' }),
      result: async () => [],
    });
    world.deps.settings = async () => ({ pollIntervalScale: 1, concurrency: { scrapedo: 1 } });
    for (let i = 0; i < 4; i++) await world.addJob();
    await createScheduler(world.deps, { setAlarm: async () => {}, setTimer: () => {} }).run();
    expect(peak).toBe(1);
    expect((await world.repo.activeJobs()).every((j) => j.status === 'submitted')).toBe(true);
  });

  it('clears the wake alarm when nothing is active', async () => {
    const world = makeWorld({ submit: async () => ({ ...ok, records: [] }), status: async () => ({ state: 'done' }), result: async () => [] });
    await world.addJob();
    const alarms: (number | undefined)[] = [];
    await createScheduler(world.deps, { setAlarm: async (w) => void alarms.push(w), setTimer: () => {} }).run();
    expect(alarms).toEqual([world.now() + WATCHDOG_MS, undefined]);
    expect(world.settled).toHaveLength(1);
  });
});
