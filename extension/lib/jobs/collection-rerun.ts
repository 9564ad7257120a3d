/**
 * Re-running a saved collection from this browser: the collection's URLs are only known here if a
 * local job created (or re-ran) it, so the newest such job supplies them. Which collection a job ran
 * is read from its ref by the provider's own `collections.collectionOf`.
 * @module
 */
import type { ProviderId } from '@@/shared/schemas/job';
import type { JobsRepo } from '../db/jobs-repo';
import type { Job } from '../db/schema';
import type { CollectionsApi } from '../providers/types';

/** Jobs read per page while looking back through history (newest first). */
const PAGE = 500;

export class UnknownCollectionError extends Error {
  override readonly name = 'UnknownCollectionError';
  constructor() {
    super('This collection was not created from this browser, so its URLs are unknown here; queue its URLs again instead.');
  }
}

export interface CollectionOwner {
  provider: ProviderId;
  collections: Pick<CollectionsApi, 'collectionOf'>;
}

function ranCollection(job: Job, owner: CollectionOwner, collectionId: string): boolean {
  if (job.provider !== owner.provider || job.input.kind !== 'urls') return false;
  return owner.collections.collectionOf(job.ref) === collectionId;
}

/** The newest local job of the provider whose stored ref names `collectionId`, if any. */
export async function newestJobForCollection(repo: JobsRepo, owner: CollectionOwner, collectionId: string): Promise<Job | undefined> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await repo.list({ offset, limit: PAGE });
    const found = page.find((job) => ranCollection(job, owner, collectionId));
    if (found || page.length < PAGE) return found;
  }
}

/** The input URLs of the newest local job that ran `collectionId`; throws UnknownCollectionError if none did. */
export async function collectionUrls(repo: JobsRepo, owner: CollectionOwner, collectionId: string): Promise<string[]> {
  const job = await newestJobForCollection(repo, owner, collectionId);
  if (!job || job.input.kind !== 'urls' || job.input.urls.length === 0) throw new UnknownCollectionError();
  return job.input.urls;
}
