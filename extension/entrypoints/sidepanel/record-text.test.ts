import { describe, expect, it } from 'vitest';
import { recordJson, recordText } from './record-text';

describe('recordText', () => {
  it('prefers an LLM answer and lists its sources', () => {
    const actual = recordText({
      url: 'https://llm.test/',
      markdown: 'ignored',
      answer: { text: 'plain', markdown: '**bold**', sources: [{ url: 'https://s.test/', title: 'S' }, { url: 'https://t.test/' }] },
    });
    expect(actual).toBe('**bold**\n\nSources:\n1. S — https://s.test/\n2. https://t.test/');
  });

  it('uses the provider’s Markdown before converting HTML', () => {
    expect(recordText({ url: 'https://a.test/', markdown: '# M', html: '<h1>H</h1>' })).toBe('# M');
  });

  it('converts HTML to Markdown without head, scripts or styles', () => {
    const html =
      '<html><head><title>T</title><style>p{}</style></head><body><h1>Hi</h1><p>a <b>b</b></p><script>alert(1)</script></body></html>';
    expect(recordText({ url: 'https://a.test/', html })).toBe('# Hi\n\na **b**');
  });

  it('falls back to plain text, then nothing', () => {
    expect(recordText({ url: 'https://a.test/', text: 'just text' })).toBe('just text');
    expect(recordText({ url: 'https://a.test/' })).toBe('');
  });
});

describe('recordJson', () => {
  it('replaces the HTML by its size', () => {
    const actual = JSON.parse(recordJson({ url: 'https://a.test/', statusCode: 200, html: 'x'.repeat(1234) })) as Record<string, unknown>;
    expect(actual).toEqual({ url: 'https://a.test/', statusCode: 200, html: '(1,234 characters, see Source)' });
  });
});
