import { browser } from 'wxt/browser';

/** The match pattern for a URL's origin, e.g. "https://api.x.com/*"; undefined for non-http(s). */
export function originPattern(url: string): string | undefined {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? `${protocol}//${hostname}/*` : undefined;
  } catch {
    return undefined;
  }
}

/** Scheme and authority of an absolute http(s) URL: URLs sharing it share their origin pattern. */
const ORIGIN_PREFIX = /^https?:\/\/[^/?#]*/i;

/** Above this many hosts one prompt for all sites replaces a list nobody could review. */
const MAX_LISTED_HOSTS = 20;

/** The origins to ask for so "This browser" may read these pages: one pattern per host, or all sites. */
export function pageAccessOrigins(urls: readonly string[]): string[] {
  // Parse one URL per origin, not every URL: a 50,000-URL paste has a handful of origins.
  const perOrigin = new Set(urls.map((url) => ORIGIN_PREFIX.exec(url)?.[0] ?? url));
  const patterns = [...new Set([...perOrigin].map(originPattern).filter((p): p is string => p !== undefined))];
  return patterns.length > MAX_LISTED_HOSTS ? ['http://*/*', 'https://*/*'] : patterns;
}

/**
 * Asks for access to `url`'s host (provider APIs and remote relays are optional host permissions).
 * Must be called synchronously from a click: permissions.request needs the user gesture.
 * Already-granted hosts (loopback) answer at once without a prompt; otherwise this resolves with
 * the user's answer, however long they take.
 */
export function requestHostAccess(url: string): Promise<boolean> {
  const pattern = originPattern(url);
  if (!pattern) return Promise.resolve(true);
  return browser.permissions.request({ origins: [pattern] }).catch(() => false);
}

/**
 * Asks, during the click, for read access to the hosts of URLs that "This browser" will fetch, and
 * resolves with the user's answer (no time limit: jobs queued meanwhile wait as "Waiting for access"
 * and the worker resumes them when access is added). Loopback and granted hosts answer at once.
 */
export function requestPageAccess(urls: readonly string[]): Promise<boolean> {
  const origins = pageAccessOrigins(urls);
  if (origins.length === 0) return Promise.resolve(true);
  return browser.permissions.request({ origins }).catch(() => false);
}
