/**
 * Builds a provider's full adapter for tests and benchmarks, without vitest (bench/ runs under tsx).
 * @module
 */
import type { ProviderDescriptor } from './descriptor';
import { createAdapter } from './registry';
import type { PageDeps, ProviderAdapter, ProviderDeps } from './types';

/** The full adapter (descriptor facts + behaviour) as the registry builds it, with page access stubbed. */
export function adapterFor(d: ProviderDescriptor, deps: ProviderDeps & Partial<PageDeps>): ProviderAdapter {
  const noTabs = async (): Promise<never> => {
    throw new Error('this test reads no tabs');
  };
  return createAdapter(d, { captureTab: noTabs, canAccess: async () => true, ...deps });
}
