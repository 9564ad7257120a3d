/**
 * Saved collections: list them (for "run again" in Options), rename one, and tell which collection a
 * stored job ran. A re-run itself is a normal job with `options.collectionId` (see adapter.submit).
 * @module
 */
import type { CallContext, CollectionsApi, CollectionSummary } from '../types';
import type { ScrapingProsClient } from './client';
import { ScrapingProsRef } from './ref';
import type { CollectionRequest } from './schemas';

/**
 * Renames a collection without losing its requests. The seed says PUT "can modify the name and the request
 * list; if a new request list is sent, it replaces the previous one" — so we send `requests` only when we
 * have them: the caller's list, or the list GET returns (newer APIs may include it). Otherwise we send the
 * name alone, which by that wording keeps the stored requests.
 */
export async function renameCollection(
  client: ScrapingProsClient,
  ctx: CallContext,
  id: string,
  name: string,
  requests?: CollectionRequest[],
): Promise<CollectionSummary> {
  const keep = requests ?? (await client.getCollection(ctx, id)).requests ?? undefined;
  const saved = await client.updateCollection(ctx, id, { name, ...(keep && { requests: keep }) });
  return { id: saved.id, name: saved.name ?? name };
}

export function createCollections(client: ScrapingProsClient): CollectionsApi {
  return {
    list: async (ctx) => (await client.listCollections(ctx)).map(({ id, name }) => ({ id, name })),
    rename: (ctx, id, name) => renameCollection(client, ctx, id, name),
    collectionOf: (ref) => {
      const parsed = ScrapingProsRef.safeParse(ref);
      return parsed.success ? parsed.data.collectionId : undefined;
    },
    rerunOptions: (id) => ({ collectionId: id }),
  };
}
