/**
 * ScrapeLLM: the descriptor the registry lists (provider-apis.md §5). Prompt-only: the popup shows its
 * prompt form and no URL form.
 * @module
 */
import type { ProviderDescriptor } from '../descriptor';
import { createScrapeLlmAdapter, LABEL, SCRAPE_LLM_POLL_PLAN } from './adapter';
import { SCRAPER_LABELS } from './labels';
import { ScrapeLlmOptions } from './ref';

export const scrapeLlm: ProviderDescriptor = {
  id: 'scrapellm',
  label: LABEL,
  needsKey: true,
  defaultBaseUrl: 'https://api.scrapellm.com',
  keyPlaceholder: 'Your ScrapeLLM API key',
  // No cancellation and no webhooks are documented (reference §5).
  capabilities: { inputKinds: ['prompt'], cancel: false, webhook: false, maxBatch: 1 },
  pollPlan: SCRAPE_LLM_POLL_PLAN,
  createAdapter: createScrapeLlmAdapter,
  queueOptions: ScrapeLlmOptions,
  popupExtras: [],
  settingsFields: [],
  // "prompt (1–4,000 chars, required)" (reference §5 "Submit").
  prompt: { targetsLabel: 'Scrapers', targets: SCRAPER_LABELS, defaultTarget: 'chatgpt', maxLength: 4000 },
};
