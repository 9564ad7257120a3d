import { db } from '@/lib/db/db';
import type { ScrapeQueueDB } from '@/lib/db/schema';

/** Pages read the archive tables directly (same origin, same database); writes go through messages. */
export const archiveDb = (): ScrapeQueueDB => db;
