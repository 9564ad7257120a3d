/**
 * "This browser": the built-in, account-free provider, listed first in the registry (the default).
 * @module
 */
import type { ProviderDescriptor } from '../descriptor';
import { BROWSER_POLL_PLAN, createBrowserAdapter, LABEL } from './adapter';
import { BrowserOptions } from './ref';

export const thisBrowser: ProviderDescriptor = {
  id: 'browser',
  label: LABEL,
  needsKey: false,
  defaultBaseUrl: '',
  capabilities: { inputKinds: ['urls'], cancel: false, webhook: false, maxBatch: 1, pageAccess: true, liveTab: true },
  pollPlan: BROWSER_POLL_PLAN,
  createAdapter: createBrowserAdapter,
  queueOptions: BrowserOptions,
  popupExtras: [],
  settingsFields: [],
  concurrencySetting: { label: 'Parallel page fetches (This browser)', min: 1, max: 16 },
};
