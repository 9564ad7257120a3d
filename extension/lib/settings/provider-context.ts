import type { Job } from '../db/schema';
import { WEBHOOK_TOKEN_PARAM } from '../relay/webhook-token';
import type { CallContext, ProviderAdapter } from '../providers/types';
import { providerSettings, type Settings } from './settings';

export interface RelayHook {
  /** The channel's webhook URL, when a relay is connected. */
  webhookUrl?: string;
}

/**
 * The provider config for a job plus, when a relay is connected, a webhook URL tagged with provider,
 * job and the job's token (which makes the job tag trustworthy, see relay/sync.ts).
 */
export function callContext(settings: Settings, adapter: ProviderAdapter, relay: RelayHook, job?: Pick<Job, 'id' | 'webhookToken'>): CallContext {
  const own = providerSettings(settings, adapter.id);
  const ctx: CallContext = {
    config: { apiKey: own.apiKey, baseUrl: own.baseUrl.trim() || adapter.defaultBaseUrl, extra: own.extra },
  };
  if (relay.webhookUrl && adapter.capabilities.webhook && job) {
    const url = new URL(relay.webhookUrl);
    url.searchParams.set('p', adapter.id);
    url.searchParams.set('j', job.id);
    if (job.webhookToken) url.searchParams.set(WEBHOOK_TOKEN_PARAM, job.webhookToken);
    ctx.webhookUrl = url.href;
  }
  return ctx;
}
