/**
 * A followed URL in the form the crawl compares: http(s) only, no #fragment, host lower-cased,
 * default port and an empty "?" dropped (the URL parser does most of it). undefined when not crawlable.
 */
export function normalizeUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    // "x?" and "x" are the same page (URL keeps an empty "?" in href).
    return u.href.endsWith('?') ? u.href.slice(0, -1) : u.href;
  } catch {
    return undefined;
  }
}

const site = (url: string) => new URL(url).hostname.replace(/^www\./, '');

/** Same site = same host, a leading "www." ignored (ports ignored, as browsers' "same-site" does). */
export function sameSite(url: string, roots: readonly string[]): boolean {
  const host = site(url);
  return roots.some((r) => site(r) === host);
}
