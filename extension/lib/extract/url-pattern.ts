/** Splits "Applies to URLs" into patterns (spaces, commas or new lines between them). */
export const urlPatterns = (urls: string): string[] => urls.split(/[\s,]+/).filter(Boolean);

const cache = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    cache.set(pattern, re);
  }
  return re;
}

/**
 * True when `url` matches one of the patterns: `*` stands for any characters (also across "/" and "?"),
 * everything else is literal; a pattern without `*` must match the whole URL.
 *
 * @example matchesUrl('https://shop.example/products/*', 'https://shop.example/products/42') // true
 */
export function matchesUrl(urls: string, url: string): boolean {
  return urlPatterns(urls).some((p) => toRegExp(p).test(url));
}

/** A pattern for pages like this one: its folder with a `*` ("https://shop.example/products/*"). */
export function patternFromUrl(url: string): string {
  try {
    const u = new URL(url);
    const dir = u.pathname.replace(/[^/]*$/, '');
    return `${u.origin}${dir}*`;
  } catch {
    return url;
  }
}
