import { ProviderId } from '@@/shared/schemas/job';
import { descriptor } from '@/lib/providers/registry';
import type { Job } from '@/lib/db/schema';

const numberFormat = new Intl.NumberFormat('en-US');

/** "1 job", "1,234 jobs". */
export function countLabel(n: number, singular: string, plural = `${singular}s`): string {
  return `${numberFormat.format(n)} ${n === 1 ? singular : plural}`;
}

/** "just now", "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function formatTime(at: number | undefined): string {
  return at === undefined ? '—' : new Date(at).toLocaleString();
}

/**
 * How a job is named everywhere in the UI and in accessible names: the URL, "N URLs: first",
 * the prompt, or the discovery keyword.
 * Accessible names of row actions are built from it ("Retry <label>").
 */
export function jobLabel(job: Pick<Job, 'input'>): string {
  const input = job.input;
  switch (input.kind) {
    case 'urls':
      return input.urls.length === 1 ? input.urls[0]! : `${numberFormat.format(input.urls.length)} URLs: ${input.urls[0]}`;
    case 'prompt':
      return input.prompt;
    case 'discover':
      // Not "Discover …": row buttons would then also match the popup's "Discover" button by name.
      return `Keyword “${input.keyword}”`;
  }
}

/** The provider's label, and for prompt jobs whom it asked: "<Provider> · <target>". */
export function providerLabel(job: Pick<Job, 'provider' | 'input'>): string {
  // A row written by a build that knew another provider still shows its id.
  const known = ProviderId.safeParse(job.provider);
  const d = known.success ? descriptor(known.data) : undefined;
  const base = d?.label ?? job.provider;
  if (job.input.kind !== 'prompt') return base;
  return `${base} · ${d?.prompt?.targets[job.input.scraper] ?? job.input.scraper}`;
}
