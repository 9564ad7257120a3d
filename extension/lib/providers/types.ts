import type { JobInput, Progress, ProviderId, ScrapeRecord } from '@@/shared/schemas/job';

export interface Logger {
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

/** What every adapter call may use. Passed in so tests can hand in fakes (fetch, clock, logger). */
export interface ProviderDeps {
  fetch: typeof fetch;
  now: () => number;
  logger: Logger;
}

/** The user's settings for one provider, read from storage.local. */
export interface ProviderConfig {
  apiKey: string;
  /** Overridable for tests and company proxies; the API key is sent only to this origin. */
  baseUrl: string;
  /** Provider-specific settings from the options page (e.g. Bright Data dataset id). */
  extra: Record<string, string>;
}

/** The part of a stored job an adapter sees. `ref` is whatever the adapter returned from submit. */
export interface JobView {
  id: string;
  input: JobInput;
  options: Record<string, unknown>;
  ref: unknown;
  createdAt: number;
  submittedAt?: number;
}

export interface CallContext {
  config: ProviderConfig;
  /** Relay webhook URL for this job, when a relay is connected and the provider supports webhooks. */
  webhookUrl?: string;
}

export interface SubmitResult {
  /** Opaque, JSON-serializable; stored before anything else is done with it. */
  ref: unknown;
  /** Provider job ids used to match webhooks to this job. */
  providerJobIds: string[];
  /** Some submits answer at once (Bright Data sync /scrape). */
  records?: ScrapeRecord[];
  progress?: Progress;
  /** Provider's own retention deadline (epoch ms), if it reports one. */
  expiresAt?: number;
  cost?: string;
}

export type RemoteState = 'submitted' | 'running' | 'done' | 'failed' | 'canceled';

export interface StatusResult {
  state: RemoteState;
  progress?: Progress;
  error?: string;
  /** Adapters may update the ref as they learn more (e.g. per-task ids). */
  ref?: unknown;
  expiresAt?: number;
  cost?: string;
  /** Records already present in the status answer (ScraperAPI, ScrapeLLM): no separate result call needed. */
  records?: ScrapeRecord[];
}

export interface WebhookEvent {
  headers: Record<string, string>;
  /** The raw body as text (UTF-8). */
  body: string;
  /** Query string of the webhook URL, without the leading "?" (the extension tags its hooks). */
  query: string;
}

export interface WebhookUpdate extends StatusResult {
  providerJobId: string;
}

export interface KeyCheck {
  ok: boolean;
  message: string;
  /** Extra facts worth showing (credits, concurrency). */
  details?: Record<string, string | number>;
}

/** How to pace one provider's jobs. All times in ms. */
export interface PollPlan {
  firstPollDelayMs: number;
  /** First delay while a relay is connected and webhooks are expected. */
  firstPollDelayWithRelayMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  backoffFactor: number;
  /** Max requests in flight to this provider. */
  concurrency: number;
  /** After this long since creation a job that is not finished is marked expired. */
  retentionMs: number;
  /** Transient (5xx, network) failures tolerated in a row before the job fails. */
  maxTransientAttempts: number;
}

export interface ProviderCapabilities {
  inputKinds: readonly JobInput['kind'][];
  cancel: boolean;
  webhook: boolean;
  /** Max URLs in one provider job; larger selections are split into several jobs. */
  maxBatch: number;
}

/**
 * One async scraping API behind one interface: submit → status → result, optional cancel,
 * webhook parsing for the relay, and a cheap key check.
 *
 * @example const adapter = createScrapeDoAdapter({ fetch, now: Date.now, logger: console });
 */
export interface ProviderAdapter {
  id: ProviderId;
  label: string;
  capabilities: ProviderCapabilities;
  pollPlan: PollPlan;
  /** Default base URL; the options page may override it. */
  defaultBaseUrl: string;
  needsKey: boolean;
  submit(job: JobView, ctx: CallContext): Promise<SubmitResult>;
  status(job: JobView, ctx: CallContext): Promise<StatusResult>;
  /** Fetches the records of a finished job. Throws ProviderError kind 'not-ready' when it is not there yet. */
  result(job: JobView, ctx: CallContext): Promise<ScrapeRecord[]>;
  cancel?(job: JobView, ctx: CallContext): Promise<void>;
  parseWebhook?(event: WebhookEvent): WebhookUpdate[];
  checkKey(ctx: CallContext): Promise<KeyCheck>;
}

export type AdapterFactory = (deps: ProviderDeps) => ProviderAdapter;
