/**
 * The registry: the one list of providers. Every other module finds a provider through here, by id or
 * by capability, and never names one.
 * @module
 */
import { ProviderId } from '@@/shared/schemas/job';
import { brightData } from './brightdata';
import { thisBrowser } from './browser';
import type { ProviderDescriptor } from './descriptor';
import { scrapeDo } from './scrapedo';
import { scrapeLlm } from './scrapellm';
import { scraperApi } from './scraperapi';
import { scrapingPros } from './scrapingpros';
import type { AdapterDeps, ProviderAdapter, ProviderFacts } from './types';

/** Every provider, in the order the pickers show them; the first is the default. */
export const PROVIDERS: readonly ProviderDescriptor[] = [thisBrowser, brightData, scraperApi, scrapeDo, scrapingPros, scrapeLlm];

export const DEFAULT_PROVIDER: ProviderId = PROVIDERS[0]!.id;

const byId = new Map(PROVIDERS.map((d) => [d.id, d]));

/** The descriptor of `id` (every ProviderId has one; the registry test checks the list against the schema). */
export function descriptor(id: ProviderId): ProviderDescriptor {
  const found = byId.get(id);
  if (!found) throw new Error(`No provider "${id}" in the registry`);
  return found;
}

/** The providers whose capabilities pass `test`. */
export const providersWith = (test: (d: ProviderDescriptor) => boolean): ProviderDescriptor[] => PROVIDERS.filter(test);

const facts = (d: ProviderDescriptor): ProviderFacts => ({
  id: d.id,
  label: d.label,
  capabilities: d.capabilities,
  pollPlan: d.pollPlan,
  defaultBaseUrl: d.defaultBaseUrl,
  needsKey: d.needsKey,
});

/** One provider's adapter: its facts and its behaviour, built with `deps`. */
export const createAdapter = (d: ProviderDescriptor, deps: AdapterDeps): ProviderAdapter => ({ ...facts(d), ...d.createAdapter(deps) });

/** Builds every adapter with the same injected fetch, clock, logger and page access. */
export function createAdapters(deps: AdapterDeps): Record<ProviderId, ProviderAdapter> {
  const entries = ProviderId.options.map((id) => [id, createAdapter(descriptor(id), deps)] as const);
  return Object.fromEntries(entries) as Record<ProviderId, ProviderAdapter>;
}
