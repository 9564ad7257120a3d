import type { InvalidInput } from '../messaging/protocol';

/** One queue action may hold at most this many URLs; more is refused with a clear message, not truncated. */
export const MAX_URLS_PER_ACTION = 100_000;
const MAX_URL_LENGTH = 8_192;

export interface ExtractedUrls {
  urls: string[];
  duplicates: number;
  invalid: InvalidInput[];
}

// A token "looks like" a URL when it has a scheme, starts with www., or is host.tld[/...].
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const BARE_HOST = /^(?:www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}(?::\d+)?(?:[/?#]\S*)?$/i;
const TRAILING_PUNCTUATION = /[)\]}>,.;:!?'"]+$/;
const LEADING_PUNCTUATION = /^[(<[{'"]+/;

/*
 * An http(s) URL the WHATWG parser (and Chromium's) returns unchanged: lowercase scheme and host (letters,
 * digits, hyphens, no punycode, or a dotted-decimal IPv4), a non-default port, and path, query and
 * fragment made only of characters no parser escapes or unescapes (no `%`, no `'`) with no `.`/`..`
 * segments. Such URLs skip `new URL`, whose ~10 µs per call in Chromium was most of queueing a
 * 50,000-URL paste; anything else still goes through the parser.
 */
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const SAFE = "-a-zA-Z0-9._~!$&()*+,;=:@";
const CANONICAL = new RegExp(
  `^(https?)://((?:[a-z0-9-]+\\.)*[a-z][a-z0-9-]*|(?:${OCTET}\\.){3}${OCTET})(?::([1-9]\\d{0,4}))?(/[${SAFE}/]*)?(\\?[${SAFE}/?]*)?(#[${SAFE}/?]*)?$`,
);
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

/** The canonical form of `url` when it needs no parsing (see CANONICAL), else undefined. */
function canonicalAsIs(url: string): string | undefined {
  const m = CANONICAL.exec(url);
  if (!m) return undefined;
  const [, scheme = '', host = '', port, path, query = '', fragment = ''] = m;
  if (host.length > 253 || /(?:^|\.)xn--/.test(host)) return undefined;
  if (port !== undefined && (Number(port) > 65_535 || port === DEFAULT_PORT[scheme])) return undefined;
  if (path !== undefined && DOT_SEGMENT.test(path)) return undefined;
  return `${scheme}://${host}${port === undefined ? '' : `:${port}`}${path ?? '/'}${query}${fragment}`;
}

/** Checks one candidate; returns the normalized URL or the reason it is not usable. */
export function normalizeUrl(candidate: string): { url: string } | { reason: string } {
  const withScheme = SCHEME.test(candidate) ? candidate : `https://${candidate}`;
  if (withScheme.length > MAX_URL_LENGTH) return { reason: `longer than ${MAX_URL_LENGTH} characters` };
  const asIs = canonicalAsIs(withScheme);
  if (asIs !== undefined) return { url: asIs };
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return { reason: 'not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { reason: `unsupported scheme ${parsed.protocol} (only http and https)` };
  }
  if (!parsed.hostname) return { reason: 'no host' };
  if (parsed.username || parsed.password) return { reason: 'contains credentials' };
  return { url: parsed.href };
}

const dedupeKey = (url: string): string => {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
};

/** A token without its surrounding punctuation, when it looks like a URL. */
function urlLikeToken(rawToken: string): string | undefined {
  const token = rawToken.replace(LEADING_PUNCTUATION, '').replace(TRAILING_PUNCTUATION, '');
  return token && (SCHEME.test(token) || BARE_HOST.test(token)) ? token : undefined;
}

/**
 * The tokens of pasted text that extractUrls would check, unchecked (https:// added to bare hosts): enough
 * to tell which hosts a paste names without normalizing every URL, so the popup can ask for page access
 * during the click while the worker extracts.
 */
export function urlCandidates(text: string): string[] {
  const out: string[] = [];
  for (const rawToken of text.split(/[\s,;|]+/)) {
    const token = urlLikeToken(rawToken);
    if (token !== undefined) out.push(SCHEME.test(token) ? token : `https://${token}`);
  }
  return out;
}

/**
 * Pulls http(s) URLs out of any pasted text (one per line, CSV cells, prose with links).
 * Lines without any URL are reported as invalid; other words on a line that has a URL are ignored.
 */
export function extractUrls(text: string): ExtractedUrls {
  const seen = new Set<string>();
  const result: ExtractedUrls = { urls: [], duplicates: 0, invalid: [] };
  const add = (url: string) => {
    const key = dedupeKey(url);
    if (seen.has(key)) result.duplicates++;
    else {
      seen.add(key);
      result.urls.push(url);
    }
  };
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    const tokens = line.split(/[\s,;|]+/).filter(Boolean);
    let foundInLine = false;
    for (const rawToken of tokens) {
      const token = urlLikeToken(rawToken);
      if (token === undefined) continue;
      foundInLine = true;
      const checked = normalizeUrl(token);
      if ('url' in checked) add(checked.url);
      else result.invalid.push({ input: token, reason: checked.reason });
    }
    // Nothing is dropped silently: a line without any URL is reported too.
    if (!foundInLine) {
      result.invalid.push({ input: line.slice(0, 200), reason: tokens.length === 1 ? 'not a URL' : 'no URL in this line' });
    }
  }
  return result;
}

/** Keeps http(s) links, normalized and deduplicated, e.g. the hrefs inside a selection. */
export function cleanLinks(hrefs: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const href of hrefs) {
    const checked = normalizeUrl(href.trim());
    if (!('url' in checked) || !SCHEME.test(href.trim())) continue;
    const key = dedupeKey(checked.url);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(checked.url);
  }
  return out;
}
