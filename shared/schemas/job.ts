import { z } from 'zod';

/** Every provider the extension can send jobs to. `browser` is the built-in, account-free one. */
export const ProviderId = z.enum(['browser', 'brightdata', 'scraperapi', 'scrapedo', 'scrapingpros', 'scrapellm']);
export type ProviderId = z.infer<typeof ProviderId>;

/**
 * queued: stored, not yet accepted by the provider; submitted: accepted, not yet seen running;
 * running; then one of the terminal states.
 */
export const JobStatus = z.enum(['queued', 'submitted', 'running', 'done', 'failed', 'canceled', 'expired']);
export type JobStatus = z.infer<typeof JobStatus>;
export const ACTIVE_STATUSES: readonly JobStatus[] = ['queued', 'submitted', 'running'];
export const isActiveStatus = (s: JobStatus): boolean => ACTIVE_STATUSES.includes(s);

/** What the user asked for. A `urls` job with several URLs is a batch (progress x/y). */
export const JobInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('urls'),
    urls: z.array(z.string()).min(1),
    /** Set when the job came from a live tab: the browser provider captures its DOM instead of fetching. */
    tabId: z.number().int().optional(),
  }),
  /** A prompt for a provider that asks assistants; `scraper` is whom it asks (the provider's prompt targets). */
  z.object({ kind: z.literal('prompt'), prompt: z.string().min(1), scraper: z.string().min(1) }),
  /** Discovery input (e.g. a keyword) rather than URLs, for providers that find the pages themselves. */
  z.object({ kind: z.literal('discover'), keyword: z.string().min(1), discoverBy: z.string().optional() }),
]);
export type JobInput = z.infer<typeof JobInput>;

export const AnswerSource = z.object({ url: z.string(), title: z.string().optional() });

/** One scraped page (or one LLM answer). Every field but `url` is optional: providers differ. */
export const ScrapeRecord = z.object({
  url: z.string(),
  finalUrl: z.string().optional(),
  statusCode: z.number().int().optional(),
  title: z.string().optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  markdown: z.string().optional(),
  /** Structured data as the provider returned it (dataset records, JSON APIs). */
  data: z.unknown().optional(),
  answer: z
    .object({ text: z.string(), markdown: z.string().optional(), sources: z.array(AnswerSource).default([]) })
    .optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timings: z.record(z.string(), z.number()).optional(),
  error: z.string().optional(),
  /**
   * Credits this URL's request cost, for providers that report cost per URL rather than per job; the
   * ledger sums them when the job itself reports no cost (0 for a request that is not billed).
   */
  cost: z.number().nonnegative().optional(),
});
export type ScrapeRecord = z.infer<typeof ScrapeRecord>;

export const Progress = z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() });
export type Progress = z.infer<typeof Progress>;
