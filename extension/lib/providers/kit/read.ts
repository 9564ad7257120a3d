/**
 * Typed readers for what the scheduler stores for an adapter: the ref it returned from submit and the
 * job options it was queued with. Both come back from IndexedDB as unknown; a value that no longer
 * parses fails only that job, with a message naming the provider.
 * @module
 */
import type { z } from 'zod';
import { ProviderError } from '../errors';

/** Parses the stored `job.ref`; unreadable → fatal for that job. */
export function readRef<T>(schema: z.ZodType<T>, ref: unknown, provider: string): T {
  const parsed = schema.safeParse(ref);
  if (!parsed.success) throw new ProviderError('fatal', `Stored ${provider} job reference is unreadable`);
  return parsed.data;
}

/** Parses `job.options` (absent = none); the first problem is named, e.g. "Invalid X option maxCost: …". */
export function readOptions<T>(schema: z.ZodType<T>, options: unknown, provider: string): T {
  const parsed = schema.safeParse(options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` ${issue.path.join('.')}` : '';
    throw new ProviderError('fatal', `Invalid ${provider} option${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
