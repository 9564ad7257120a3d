import { describe, expect, it } from 'vitest';
import { cleanLinks, extractUrls, normalizeUrl } from './extract';

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

describe('normalizeUrl', () => {
  it('rejects overlong URLs', () => {
    expect(normalizeUrl(`https://a.test/${'x'.repeat(9000)}`)).toEqual({ reason: 'longer than 8192 characters' });
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
