import { db } from '../db/db';
import { createExtractRepo } from '../db/extract-repo';

/** The pages' read access to recipes and cached rows (writes go through the background). */
export const pageExtractRepo = createExtractRepo(db);
