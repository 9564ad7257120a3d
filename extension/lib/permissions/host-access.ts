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

/**
 * Asks for access to `url`'s host (provider APIs and remote relays are optional host permissions).
 * Must be called synchronously from a click: permissions.request needs the user gesture.
 * Already-granted hosts (loopback) answer at once without a prompt. An unanswered prompt does not
 * block the caller past `waitMs`; the action then runs and reports its own error.
 */
export function requestHostAccess(url: string, waitMs = 8_000): Promise<boolean> {
  const pattern = originPattern(url);
  if (!pattern) return Promise.resolve(true);
  const asked = browser.permissions.request({ origins: [pattern] }).catch(() => false);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs));
  return Promise.race([asked, timeout]);
}

/** Above this many hosts one prompt for all sites replaces a list nobody could review. */
const MAX_LISTED_HOSTS = 20;

/**
 * Asks, during the click, for read access to the hosts of URLs this browser itself will fetch.
 * Loopback and already-granted hosts answer at once without a prompt.
 */
export function requestPageAccess(urls: readonly string[], waitMs = 8_000): Promise<boolean> {
  const patterns = [...new Set(urls.map(originPattern).filter((p): p is string => p !== undefined))];
  if (patterns.length === 0) return Promise.resolve(true);
  const origins = patterns.length > MAX_LISTED_HOSTS ? ['http://*/*', 'https://*/*'] : patterns;
  const asked = browser.permissions.request({ origins }).catch(() => false);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs));
  return Promise.race([asked, timeout]);
}
