/**
 * Saved collections: list them (for "re-run" in the UI) and rename one.
 * A re-run itself is a normal job with `options.collectionId` (see adapter.submit).
 * @module
 */
import type { CallContext } from '../types';
import type { ScrapingProsClient } from './client';
import type { CollectionRequest, CollectionSummary } from './schemas';

export function listCollections(client: ScrapingProsClient, ctx: CallContext): Promise<CollectionSummary[]> {
  return client.listCollections(ctx);
}

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
): Promise<{ id: string; name: string }> {
  const keep = requests ?? (await client.getCollection(ctx, id)).requests ?? undefined;
  const saved = await client.updateCollection(ctx, id, { name, ...(keep && { requests: keep }) });
  return { id: saved.id, name: saved.name ?? name };
}
