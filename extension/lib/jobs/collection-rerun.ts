/**
 * Re-running a saved ScrapingPros collection from this browser: the collection's URLs are only known
 * here if a local job created (or re-ran) it, so the newest such job supplies them.
 * @module
 */
import type { JobsRepo } from '../db/jobs-repo';
import type { Job } from '../db/schema';
import { ScrapingProsRef } from '../providers/scrapingpros/ref';

/** Jobs read per page while looking back through history (newest first). */
const PAGE = 500;

export class UnknownCollectionError extends Error {
  override readonly name = 'UnknownCollectionError';
  constructor() {
    super('This collection was not created from this browser, so its URLs are unknown here; queue its URLs again instead.');
  }
}

function ranCollection(job: Job, collectionId: string): boolean {
  if (job.provider !== 'scrapingpros' || job.input.kind !== 'urls') return false;
  const ref = ScrapingProsRef.safeParse(job.ref);
  return ref.success && ref.data.collectionId === collectionId;
}

/** The newest local ScrapingPros job whose stored ref names `collectionId`, if any. */
export async function newestJobForCollection(repo: JobsRepo, collectionId: string): Promise<Job | undefined> {
  for (let offset = 0; ; offset += PAGE) {
    const page = await repo.list({ offset, limit: PAGE });
    const found = page.find((job) => ranCollection(job, collectionId));
    if (found || page.length < PAGE) return found;
  }
}

/** The input URLs of the newest local job that ran `collectionId`; throws UnknownCollectionError if none did. */
export async function collectionUrls(repo: JobsRepo, collectionId: string): Promise<string[]> {
  const job = await newestJobForCollection(repo, collectionId);
  if (!job || job.input.kind !== 'urls' || job.input.urls.length === 0) throw new UnknownCollectionError();
  return job.input.urls;
}
