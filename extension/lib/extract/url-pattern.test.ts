import { describe, expect, it } from 'vitest';
import { matchesUrl, patternFromUrl } from './url-pattern';

describe('URL patterns', () => {
  it.each([
    ['https://shop.example/products/*', 'https://shop.example/products/42', true],
    ['https://shop.example/products/*', 'https://shop.example/products/a/b?c=1', true],
    ['https://shop.example/products/*', 'https://shop.example/about', false],
    ['https://shop.example/products/*', 'https://evil.example/?https://shop.example/products/1', false],
    ['https://*.example/list', 'https://a.example/list', true],
    ['https://a.example/exact', 'https://a.example/exact', true],
    ['https://a.example/exact', 'https://a.example/exact/more', false],
    ['https://a.example/x  https://b.example/*', 'https://b.example/y', true],
    ['https://a.example/(1)+', 'https://a.example/(1)+', true],
  ])('%s matches %s: %s', (pattern, url, expected) => {
    expect(matchesUrl(pattern, url)).toBe(expected);
  });

  it('suggests the page’s folder', () => {
    expect(patternFromUrl('https://shop.example/products/42?x=1')).toBe('https://shop.example/products/*');
    expect(patternFromUrl('https://shop.example/')).toBe('https://shop.example/*');
    expect(patternFromUrl('not a url')).toBe('not a url');
  });
});
