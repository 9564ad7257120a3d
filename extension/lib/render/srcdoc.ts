/**
 * The scraped page as the Rendered view's srcdoc: the markup as scraped, with a Content-Security-Policy
 * put in front of it so that showing a page loads nothing from the network (no remote images, styles,
 * fonts, frames or scripts: each would tell the site the user's IP and that they looked).
 * @module
 */
import { Parser } from 'htmlparser2';

export interface SrcdocOptions {
  /** Let images load from any http(s) host (the user allowed it for this record's site). */
  remoteImages: boolean;
  /** With remote images on: where the page's relative image URLs resolve (the record's URL). */
  baseHref?: string;
}

/** Inline styles and data: images and fonts only; nothing else is allowed, so no script either. */
export function renderPolicy(remoteImages: boolean): string {
  const img = remoteImages ? "img-src data: https: http:" : 'img-src data:';
  return `default-src 'none'; style-src 'unsafe-inline'; ${img}; font-src data:`;
}

const escapeAttr = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Where our elements go: after a leading doctype (so a standards-mode page stays in standards mode),
 * else at 0. Only whitespace may come before that doctype, and it must be one plain `<!…>` token,
 * so the browser's parser cannot disagree and see scraped markup before the policy.
 */
export function insertionPoint(html: string): number {
  let at = 0;
  const parser = new Parser({
    onprocessinginstruction(name) {
      const start = parser.startIndex;
      const end = parser.endIndex;
      const token = html.slice(start, end + 1);
      const plain = token.startsWith('<!') && token.endsWith('>') && !/[<>]/.test(token.slice(2, -1));
      if (name.toLowerCase() === '!doctype' && plain && html.slice(0, start).trim() === '') at = end + 1;
      parser.pause();
    },
    ontext(text) {
      if (text.trim() !== '') parser.pause();
    },
    oncomment: () => parser.pause(),
    onopentag: () => parser.pause(),
    onclosetag: () => parser.pause(),
    oncdatastart: () => parser.pause(),
  });
  // A doctype is near the start; the rest of a large page need not be read.
  parser.write(html.slice(0, 4096));
  return at;
}

/** `html` with the policy (and, for remote images, a base URL) before any scraped markup. */
export function renderSrcdoc(html: string, options: SrcdocOptions): string {
  const at = insertionPoint(html);
  const base = options.remoteImages && options.baseHref && /^https?:\/\//i.test(options.baseHref) ? `<base href="${escapeAttr(options.baseHref)}">` : '';
  const head = `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(renderPolicy(options.remoteImages))}">${base}`;
  return html.slice(0, at) + head + html.slice(at);
}
