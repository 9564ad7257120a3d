/**
 * Host access for pages this browser reads: a host the user has not granted yet makes the job wait
 * ("Waiting for access", resumed when access is added) rather than fail.
 * @module
 */
import { ProviderError } from '../errors';
import type { AdapterDeps } from '../types';

export function createAccessCheck(deps: Pick<AdapterDeps, 'canAccess'>) {
  /** Throws kind 'access', naming the hosts, when any URL's host is not granted. */
  return async function ensureAccess(urls: readonly string[]): Promise<void> {
    const missing: string[] = [];
    // One check per origin: a batch of 100 URLs usually spans a handful of hosts.
    const byOrigin = new Map(urls.map((url) => [new URL(url).origin, url]));
    for (const [origin, url] of byOrigin) if (!(await deps.canAccess(url))) missing.push(origin);
    if (!missing.length) return;
    const hosts = [...new Set(missing)];
    const shown = hosts.length > 3 ? `${hosts.slice(0, 3).join(', ')} and ${hosts.length - 3} more` : hosts.join(', ');
    throw new ProviderError('access', `Waiting for access to ${shown}. Press Allow access to let this browser read ${hosts.length === 1 ? 'it' : 'them'}.`);
  };
}
