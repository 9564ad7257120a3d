import { PROVIDERS } from '@/lib/providers/catalog';

/** A provider's display name for the archive's views (one place to follow the provider catalog). */
export function providerName(id: string): string {
  return Object.values(PROVIDERS).find((p) => p.id === id)?.label ?? id;
}
