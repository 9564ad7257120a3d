import { describe, expect, it } from 'vitest';
import { looksLikeUrl, textFromUrlFile, urlsFromCsv } from './url-file';

describe('urlsFromCsv', () => {
  it('takes every cell that looks like a URL, in reading order', () => {
    const input = 'name,link,backup\nAlpha,https://a.test/1,www.b.test/x\n"Beta, Inc",https://c.test/?q=1,n/a\n';
    expect(urlsFromCsv(input)).toEqual(['https://a.test/1', 'www.b.test/x', 'https://c.test/?q=1']);
  });

  it('keeps odd schemes so the queue can report them instead of dropping them', () => {
    expect(urlsFromCsv('ftp://files.test/a.zip')).toEqual(['ftp://files.test/a.zip']);
  });
});

describe('looksLikeUrl', () => {
  it.each([
    ['https://a.test', true],
    ['example.com/path', true],
    ['Alpha', false],
    ['12.50', false],
    ['hello world.com', false],
  ])('%s → %s', (input, expected) => {
    expect(looksLikeUrl(input)).toBe(expected);
  });
});

describe('textFromUrlFile', () => {
  it('passes .txt through unchanged', () => {
    expect(textFromUrlFile('list.txt', 'a\nnot a url\n')).toBe('a\nnot a url\n');
  });

  it('reduces .csv to one URL per line', () => {
    expect(textFromUrlFile('LIST.CSV', 'x,https://a.test\ny,https://b.test')).toBe('https://a.test\nhttps://b.test');
  });
});
