/**
 * Helpers shared by the provider adapter unit tests (`<provider>/adapter.test.ts`). Test-only: nothing
 * in the extension imports this module.
 * @module
 */
import { afterEach, expect } from 'vitest';
import type { JobInput } from '@@/shared/schemas/job';
import { ProviderError } from './errors';
import type { CallContext, JobView, Logger, PollPlan } from './types';
import { pollDelay } from '../scheduler/backoff';

export { adapterFor } from './test-adapter';

/** One call a {@link recordingLogger} received. */
export interface LoggedCall {
  level: keyof Logger;
  message: string;
  rest: unknown[];
}

/** A Logger that keeps what it is told: every call in `calls`, and each as a `"level: message"` line in `lines`. */
export function recordingLogger(): Logger & { calls: LoggedCall[]; lines: string[] } {
  const calls: LoggedCall[] = [];
  const lines: string[] = [];
  const log = (level: keyof Logger) => (message: string, ...rest: unknown[]) => {
    calls.push({ level, message, rest });
    lines.push(`${level}: ${message}`);
  };
  return { calls, lines, info: log('info'), warn: log('warn'), error: log('error') };
}

/** Awaits `promise` and returns its ProviderError; fails the test when it resolves or rejects with anything else. */
export async function expectProviderError(promise: Promise<unknown>): Promise<ProviderError> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error('expected a ProviderError, but the promise resolved');
  expect(outcome.error).toBeInstanceOf(ProviderError);
  return outcome.error as ProviderError;
}

/** A JobView as the scheduler hands it to an adapter: id 'job-1', no options, no ref, unless `fields` say otherwise. */
export function jobView(input: JobInput, fields: Partial<Omit<JobView, 'input'>> = {}): JobView {
  return { id: 'job-1', input, options: {}, ref: undefined, createdAt: 0, ...fields };
}

/** A {@link jobView} of a list of URLs. */
export function urlJob(urls: string[], fields: Partial<Omit<JobView, 'input'>> = {}): JobView {
  return jobView({ kind: 'urls', urls }, fields);
}

/** The config an adapter call gets: the key, the (fake's) base URL, extras, and a relay URL when given. */
export function callContext(apiKey: string, baseUrl: string, extra: Record<string, string> = {}, webhookUrl?: string): CallContext {
  return { config: { apiKey, baseUrl, extra }, ...(webhookUrl && { webhookUrl }) };
}

/**
 * How many status calls a job lasting `durationMs` gets under a poll plan, with the scheduler's own
 * `pollDelay` (no jitter, no relay, scale 1), and how long after it finished the last one saw it done.
 */
export function pollsFor(plan: PollPlan, durationMs: number): number {
  return pollTrace(plan, durationMs).polls;
}

export function pollTrace(plan: PollPlan, durationMs: number): { polls: number; lagMs: number } {
  const opts = { random: () => 0.5, scale: 1, relayConnected: false };
  let at = pollDelay(plan, 0, opts);
  let polls = 1;
  while (at < durationMs) {
    at += pollDelay(plan, polls, opts, { elapsedMs: at });
    polls += 1;
  }
  return { polls, lagMs: at - durationMs };
}

/**
 * `startFake`, with every server it starts during a test closed after that test (an afterEach registered
 * here), so a test file need not track its fakes, and a test that starts two closes both.
 */
export function closedAfterEach<A extends unknown[], F extends { close(): Promise<void> }>(
  startFake: (...args: A) => Promise<F>,
): (...args: A) => Promise<F> {
  const open: F[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((fake) => fake.close()));
  });
  return async (...args) => {
    const fake = await startFake(...args);
    open.push(fake);
    return fake;
  };
}

