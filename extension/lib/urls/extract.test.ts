import { describe, expect, it } from 'vitest';
import { cleanLinks, extractUrls, normalizeUrl, urlCandidates } from './extract';

describe('extractUrls', () => {
  it('takes one URL per line and deduplicates, counting duplicates', () => {
    const actual = extractUrls('https://a.test/1\nhttps://a.test/1\n\nhttps://b.test/x#frag\nhttps://b.test/x#other');
    expect(actual.urls).toEqual(['https://a.test/1', 'https://b.test/x#frag']);
    expect(actual.duplicates).toBe(2);
    expect(actual.invalid).toEqual([]);
  });

  it('finds URLs inside prose and strips surrounding punctuation', () => {
    const actual = extractUrls('See (https://example.com/page), and also <http://x.org/a?b=1>. Thanks!');
    expect(actual.urls).toEqual(['https://example.com/page', 'http://x.org/a?b=1']);
    expect(actual.invalid).toEqual([]);
  });

  it('adds https:// to bare hosts', () => {
    expect(extractUrls('example.com/path\nwww.site.org').urls).toEqual([
      'https://example.com/path',
      'https://www.site.org/',
    ]);
  });

  it.each([
    ['ftp://files.test/x', 'unsupported scheme ftp: (only http and https)'],
    ['not-a-url', 'not a URL'],
    ['https://user:pw@host.test/', 'contains credentials'],
    ['javascript://x.test/a', 'unsupported scheme javascript: (only http and https)'],
  ])('reports %s as invalid: %s', (input, reason) => {
    const actual = extractUrls(input);
    expect(actual.urls).toEqual([]);
    expect(actual.invalid).toEqual([{ input, reason }]);
  });

  it('reads CSV cells and reports the header line that holds no URL', () => {
    const actual = extractUrls('name,url\nA,https://a.test/\nB,https://b.test/');
    expect(actual.urls).toEqual(['https://a.test/', 'https://b.test/']);
    expect(actual.invalid).toEqual([{ input: 'name,url', reason: 'no URL in this line' }]);
  });

  it('reports prose lines without a URL instead of dropping them', () => {
    expect(extractUrls('not a url\nhttps://a.test/').invalid).toEqual([{ input: 'not a url', reason: 'no URL in this line' }]);
  });

  it('handles 50,000 lines', () => {
    const input = Array.from({ length: 50_000 }, (_, i) => `https://site.test/p/${i}`).join('\n');
    expect(extractUrls(input).urls).toHaveLength(50_000);
  });
});

/** What normalizeUrl returned before its no-parse path: every URL through the WHATWG parser. */
function parsedOnly(candidate: string): { url: string } | { reason: string } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(candidate) ? candidate : `https://${candidate}`;
  if (withScheme.length > 8_192) return { reason: 'longer than 8192 characters' };
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return { reason: 'not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { reason: `unsupported scheme ${parsed.protocol} (only http and https)` };
  if (!parsed.hostname) return { reason: 'no host' };
  if (parsed.username || parsed.password) return { reason: 'contains credentials' };
  return { url: parsed.href };
}

/** A deterministic stream of pseudo-random numbers (mulberry32), so a failing case can be rerun. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('normalizeUrl', () => {
  it('rejects overlong URLs', () => {
    expect(normalizeUrl(`https://a.test/${'x'.repeat(9000)}`)).toEqual({ reason: 'longer than 8192 characters' });
  });

  it.each([
    ['https://a.test', 'https://a.test/'],
    ['http://127.0.0.1:9/bench/page/1', 'http://127.0.0.1:9/bench/page/1'],
    ['https://a.test:443/x', 'https://a.test/x'],
    ['http://a.test:80/x', 'http://a.test/x'],
    ['https://A.Test/Path', 'https://a.test/Path'],
    ['https://a.test/x/../y/./z', 'https://a.test/y/z'],
    ['https://a.test?q=1', 'https://a.test/?q=1'],
    ["https://a.test/?q='x'", 'https://a.test/?q=%27x%27'],
    ['https://a.test/%7e', 'https://a.test/%7e'],
    ['http://127.1/', 'http://127.0.0.1/'],
    ['https://xn--nxasmq6b.test/', 'https://xn--nxasmq6b.test/'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toEqual({ url: expected });
  });

  it('gives what the URL parser gives, for 20,000 generated URLs', () => {
    // Pieces chosen to hit every branch of the no-parse path and the cases it must leave to the parser.
    const schemes = ['http://', 'https://', 'HTTP://', 'ftp://', ''];
    const hosts = ['a.test', 'www.Site.org', '127.0.0.1', '127.1', '0x7f.0.0.1', '256.1.1.1', '1.2.3.4.5', 'a..b', 'a-.b-', '-a.test', 'xn--nxasmq6b.test', 'xn--zz.test', 'a.b1', 'a.1', 'u:p@a.test', 'a_b.test', ''];
    const ports = ['', ':80', ':443', ':8080', ':0', ':65535', ':65536', ':', ':08'];
    const pathBits = ['/', 'x', '.', '..', '%2e', '%41', "'", '"', '<', '`', '{', '^', '|', '\\', ' ', 'é', '~', '!', '$', '&', '(', '*', '+', ';', '=', ':', '@', '-'];
    const tailBits = ['', '?', '?a=b', "?a='1'", '?x y', '#', '#f', '#a#b', '#`', '?q#f/?', '?é'];
    const next = random(1);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    for (let i = 0; i < 20_000; i++) {
      const path = next() < 0.2 ? '' : `/${Array.from({ length: Math.floor(next() * 6) }, () => pick(pathBits)).join('')}`;
      const candidate = `${pick(schemes)}${pick(hosts)}${pick(ports)}${path}${pick(tailBits)}`;
      expect(normalizeUrl(candidate), candidate).toEqual(parsedOnly(candidate));
    }
  });
});

describe('urlCandidates', () => {
  it('lists the URL-like tokens extractUrls would check, with https:// added to bare hosts', () => {
    expect(urlCandidates('See (https://a.test/x), www.b.org\nname,url\nB;http://c.test:8080/|ftp://d.test')).toEqual([
      'https://a.test/x',
      'https://www.b.org',
      'http://c.test:8080/',
      'ftp://d.test',
    ]);
  });
});

describe('cleanLinks', () => {
  it('keeps http(s) links only, deduplicated', () => {
    expect(cleanLinks(['https://a.test/', 'mailto:x@y.z', 'https://a.test/#top', 'javascript:void(0)', 'http://b.test/'])).toEqual([
      'https://a.test/',
      'http://b.test/',
    ]);
  });
});
