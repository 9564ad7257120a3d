/**
 * "This browser": the built-in, account-free provider, listed first in the registry (the default).
 * @module
 */
import type { ProviderDescriptor } from '../descriptor';
import { BATCH_URLS, BROWSER_POLL_PLAN, createBrowserAdapter, LABEL } from './adapter';
import { BrowserOptions } from './ref';

export const thisBrowser: ProviderDescriptor = {
  id: 'browser',
  label: LABEL,
  needsKey: false,
  defaultBaseUrl: '',
  // Short lists: a job per page. Long ones: batches, since one stored row per URL cannot queue 50,000 in 1.5 s.
  capabilities: { inputKinds: ['urls'], cancel: false, webhook: false, maxBatch: BATCH_URLS, batchFrom: 1_000, pageAccess: true, liveTab: true },
  pollPlan: BROWSER_POLL_PLAN,
  createAdapter: createBrowserAdapter,
  queueOptions: BrowserOptions,
  popupExtras: [],
  settingsFields: [],
  concurrencySetting: { label: 'Parallel page fetches (This browser)', min: 1, max: 16 },
};
