import { describe, expect, it } from 'vitest';
import { escapeHtml, recordToHtml } from './html';

describe('recordToHtml', () => {
  it('returns the scraped HTML unchanged', () => {
    const input = { url: 'https://a.test/', html: '<html><body>hi</body></html>' };
    expect(recordToHtml(input)).toBe(input.html);
  });

  it('builds an escaped document for an LLM answer with its sources', () => {
    const actual = recordToHtml({
      url: 'https://llm.test/',
      answer: {
        text: '<script>alert(1)</script>',
        sources: [{ url: 'https://src.test/?a=1&b=2', title: 'Source <1>' }, { url: 'javascript:alert(1)' }],
      },
    });
    expect(actual).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(actual).not.toContain('<script>');
    expect(actual).toContain('<a href="https://src.test/?a=1&amp;b=2">Source &lt;1&gt;</a>');
    expect(actual).not.toContain('href="javascript:');
    expect(actual).toContain('<li>javascript:alert(1)</li>');
  });

  it('shows text, data and the error for records without HTML', () => {
    const actual = recordToHtml({ url: 'https://a.test/', title: 'T', text: 'body', data: { n: 1 }, error: 'partial' });
    expect(actual).toContain('<title>T</title>');
    expect(actual).toContain('body');
    expect(actual).toContain('&quot;n&quot;: 1');
    expect(actual).toContain('Error: partial');
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<a href="x">', '&lt;a href=&quot;x&quot;&gt;'],
    ["it's & co", 'it&#39;s &amp; co'],
  ])('%s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});
