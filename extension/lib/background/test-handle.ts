/**
 * The handle end-to-end tests reach through `worker.evaluate` (`globalThis.sq`). Only the e2e build
 * calls this; production builds never expose it.
 * @module
 */
import { db } from '../db/db';
import type { MenuClick } from '../menus/menus';
import type { Services } from './services';

export interface TestHandleParts {
  services: Services;
  onMenuClick: (info: MenuClick, tab?: { id?: number; url?: string }) => Promise<void>;
  setUpDone: () => boolean;
  /** Other features' measurement hooks (npm run bench). */
  [more: string]: unknown;
}

export function exposeTestHandle(parts: TestHandleParts): void {
  Object.assign(globalThis, { sq: { db, ...parts } });
}
