import { openDb } from './schema';

/** The one database shared by the worker and the pages (same extension origin). */
export const db = openDb();
