/** The 12 products every shop page shows: "Widget 1" … "Widget 12" at 10.50, 11.50, … */
export const PRODUCTS = Array.from({ length: 12 }, (_, i) => ({ name: `Widget ${i + 1}`, price: (10.5 + i).toFixed(2), sku: `W-${100 + i}` }));

const doc = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}.card{border:1px solid #ccc;padding:6px}</style></head><body>${body}</body></html>`;

const card = (name: string, price: string, href: string) =>
  `<div class="card"><a href="${href}"><img src="/img/${encodeURIComponent(name)}.png" alt="" width="40" height="40"></a><h3 class="name">${name}</h3><span class="price">$${price}</span></div>`;

/**
 * The shop's pages by path (also given to provider fakes, which "scrape" the same HTML):
 * - /shop/products: a 12-row price table and a 12-card grid of the same products
 * - /shop/list/<n>: 12 cards named "<n>-Widget k" linking to /shop/item/<n>-<k>
 * - /shop/crawl?… : a listing whose 5 detail links point to 3 distinct pages
 * - /shop/item/<id>: a detail page with the product name and price
 */
export function shopHtml(path: string): string | undefined {
  const url = new URL(path, 'http://shop.invalid');
  if (url.pathname === '/shop/products') {
    const rows = PRODUCTS.map((p) => `<tr><td>${p.name}</td><td>${p.price}</td><td>${p.sku}</td></tr>`).join('');
    return doc(
      'Products',
      `<h1>Products</h1><table><caption>Products</caption><thead><tr><th>Name</th><th>Price</th><th>SKU</th></tr></thead><tbody>${rows}</tbody></table>` +
        `<h2>Catalogue</h2><div class="grid">${PRODUCTS.map((p, i) => card(p.name, p.price, `/shop/item/p${i + 1}`)).join('')}</div>`,
    );
  }
  const list = /^\/shop\/list\/(\w+)$/.exec(url.pathname);
  if (list) {
    const n = list[1]!;
    return doc(`Listing ${n}`, `<h1>Listing ${n}</h1><div class="grid">${PRODUCTS.map((p, i) => card(`${n}-${p.name}`, p.price, `/shop/item/${n}-${i + 1}`)).join('')}</div>`);
  }
  if (url.pathname === '/shop/crawl') {
    // Five links, three pages: one repeats exactly, one differs only by its #fragment.
    const links = ['/shop/item/a', '/shop/item/b', '/shop/item/a', '/shop/item/c', '/shop/item/b#reviews'];
    return doc('Crawl listing', `<h1>Crawl listing</h1><ul class="items">${links.map((href, i) => `<li class="item"><a class="more" href="${href}">Item ${i + 1}</a></li>`).join('')}</ul>`);
  }
  const item = /^\/shop\/item\/([\w-]+)$/.exec(url.pathname);
  if (item) return doc(`Item ${item[1]}`, `<h1 class="title">Item ${item[1]}</h1><p class="price">$${(item[1]!.length * 3).toFixed(2)}</p>`);
  return undefined;
}
