import { PROVIDERS } from '@/lib/providers/registry';

/** A provider's display name for the archive's views (one place to follow the provider registry). */
export function providerName(id: string): string {
  return PROVIDERS.find((p) => p.id === id)?.label ?? id;
}
