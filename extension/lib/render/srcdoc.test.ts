import { describe, expect, it } from 'vitest';
import { isTag, type AnyNode, type Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { insertionPoint, renderPolicy, renderSrcdoc } from './srcdoc';

const META = /^<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;

/** The first element of the document, in document order. */
function firstElement(html: string): Element | undefined {
  const walk = (nodes: AnyNode[]): Element | undefined => {
    for (const n of nodes) {
      if (isTag(n)) return n;
      if ('children' in n) {
        const found = walk(n.children);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(parseDocument(html).children);
}

const page = '<html><head><link rel="stylesheet" href="https://cdn.test/a.css"></head><body><img src="https://img.test/a.png"></body></html>';

describe('renderPolicy', () => {
  it('blocks every remote load by default: only inline styles and data: images and fonts', () => {
    expect(renderPolicy(false)).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:");
    expect(renderPolicy(false)).not.toMatch(/script-src|http/);
  });

  it('adds http(s) images, and only images, when remote images are allowed', () => {
    expect(renderPolicy(true)).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; font-src data:");
  });
});

describe('renderSrcdoc', () => {
  it('puts the policy first, before any scraped markup', () => {
    const out = renderSrcdoc(page, { remoteImages: false });
    expect(out.match(META)?.[1]).toBe(renderPolicy(false));
    expect(out.slice(out.indexOf('>') + 1)).toBe(page);
    expect(firstElement(out)?.attribs['http-equiv']).toBe('Content-Security-Policy');
  });

  it('keeps a leading doctype first so the page keeps its rendering mode', () => {
    const html = `\n  <!DOCTYPE html>${page}`;
    const out = renderSrcdoc(html, { remoteImages: false });
    expect(out.startsWith('\n  <!DOCTYPE html><meta http-equiv="Content-Security-Policy"')).toBe(true);
    expect(firstElement(out)?.name).toBe('meta');
  });

  it('goes at the very start when anything but whitespace precedes the doctype', () => {
    for (const html of [`<!-- c --><!doctype html>${page}`, `<img src="https://img.test/x"><!doctype html>`, `text<!doctype html>`]) {
      expect(insertionPoint(html)).toBe(0);
      expect(renderSrcdoc(html, { remoteImages: false })).toMatch(META);
    }
  });

  it('does not trust a doctype that hides markup inside it', () => {
    expect(insertionPoint('<!doctype html <img src="https://img.test/x">')).toBe(0);
    expect(insertionPoint('<!doctype html>')).toBe('<!doctype html>'.length);
  });

  it('finds the doctype of a large page without reading all of it', () => {
    const big = `<!doctype html>${page}${'<p>x</p>'.repeat(100_000)}`;
    expect(insertionPoint(big)).toBe('<!doctype html>'.length);
    expect(insertionPoint(`${' '.repeat(5000)}<!doctype html>`)).toBe(0);
  });

  it('adds the record URL as base only when remote images are on, escaped', () => {
    expect(renderSrcdoc(page, { remoteImages: false, baseHref: 'https://shop.test/p' })).not.toContain('<base');
    const on = renderSrcdoc(page, { remoteImages: true, baseHref: 'https://shop.test/p?a=1&b="2"' });
    expect(on.match(META)?.[1]).toBe(renderPolicy(true));
    expect(on).toContain('<base href="https://shop.test/p?a=1&amp;b=&quot;2&quot;">');
    expect(renderSrcdoc(page, { remoteImages: true, baseHref: 'javascript:alert(1)' })).not.toContain('<base');
  });
});
