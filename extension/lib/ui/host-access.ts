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
