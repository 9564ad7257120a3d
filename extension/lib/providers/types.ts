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
  /** Provider-specific settings from the options page (descriptor `settingsFields`, e.g. a dataset id). */
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
  /** Some submits answer at once (a synchronous scrape). */
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
  /** Records already present in the status answer: no separate result call needed. */
  records?: ScrapeRecord[];
  /**
   * `records` are this step's share of a batch (e.g. the URLs fetched in this step): they are added to
   * the records stored so far (merged by URL, in the step's transaction) instead of replacing them.
   */
  partial?: boolean;
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
  /** Credits left on the account, where the API tells. */
  remainingCredits?: number;
}

/** How to pace one provider's jobs. All times in ms. */
export interface PollPlan {
  firstPollDelayMs: number;
  /**
   * By when (since submit) most of this provider's jobs are done: the second poll lands there, the first
   * at `firstPollDelayMs` (set to the middle of the typical range). Unset: plain geometric backoff.
   */
  typicalDoneByMs?: number;
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
  /**
   * Lists shorter than this get one job per URL (each page its own status, retry and result); longer ones
   * are split into `maxBatch`-sized jobs. Unset: every list is batched. (A tab or a single link is one job.)
   */
  batchFrom?: number;
  /** Fetches the pages from this browser: the pages' hosts need access, asked for during the user's click. */
  pageAccess?: boolean;
  /** Reads a live tab's DOM ("Scrape current tab", the page menu) instead of fetching its URL. */
  liveTab?: boolean;
  /** The account says how many jobs may run at once: `accountConcurrency` caps the scheduler. */
  accountConcurrency?: boolean;
  /** Keeps saved collections the user can list, rename and run again: `collections`. */
  collections?: boolean;
}

/** A saved collection on the provider's side, as the Options page lists it. */
export interface CollectionSummary {
  id: string;
  name: string;
}

/** Saved collections (capability `collections`). */
export interface CollectionsApi {
  list(ctx: CallContext): Promise<CollectionSummary[]>;
  rename(ctx: CallContext, id: string, name: string): Promise<CollectionSummary>;
  /** The collection a stored job ran, read from its ref; undefined when the ref names none. */
  collectionOf(ref: unknown): string | undefined;
  /** The `job.options` of a job that runs a saved collection again. */
  rerunOptions(id: string): Record<string, unknown>;
}

/** What a provider does: submit → status → result, optional cancel, webhook parsing and extras, a key check. */
export interface AdapterBehaviour {
  submit(job: JobView, ctx: CallContext): Promise<SubmitResult>;
  status(job: JobView, ctx: CallContext): Promise<StatusResult>;
  /** Fetches the records of a finished job. Throws ProviderError kind 'not-ready' when it is not there yet. */
  result(job: JobView, ctx: CallContext): Promise<ScrapeRecord[]>;
  cancel?(job: JobView, ctx: CallContext): Promise<void>;
  parseWebhook?(event: WebhookEvent): WebhookUpdate[];
  checkKey(ctx: CallContext): Promise<KeyCheck>;
  /** Jobs the account can run at once right now (capability `accountConcurrency`); undefined when not reported. */
  accountConcurrency?(ctx: CallContext): Promise<number | undefined>;
  collections?: CollectionsApi;
}

/** The facts about a provider that the scheduler and pages read (from its descriptor). */
export interface ProviderFacts {
  id: ProviderId;
  label: string;
  capabilities: ProviderCapabilities;
  pollPlan: PollPlan;
  /** Default base URL; the options page may override it. */
  defaultBaseUrl: string;
  needsKey: boolean;
}

/**
 * One async scraping API behind one interface: its facts plus its behaviour. Built by the registry
 * from a provider's descriptor (`providers/<id>/index.ts`).
 */
export type ProviderAdapter = ProviderFacts & AdapterBehaviour;

/** A tab's DOM as read by the page-capturing provider. */
export interface CapturedPage {
  html: string;
  title: string;
  url: string;
  text: string;
}

/** What providers that work inside this browser need on top of ProviderDeps. */
export interface PageDeps {
  /** Reads the live DOM of a tab (chrome.scripting), so logged-in and script-rendered content is kept. */
  captureTab: (tabId: number) => Promise<CapturedPage>;
  /** Whether the extension may read this URL's origin (optional host permissions granted at run time). */
  canAccess: (url: string) => Promise<boolean>;
}

/** Everything an adapter factory may be given; each factory takes the part it uses. */
export type AdapterDeps = ProviderDeps & PageDeps;
