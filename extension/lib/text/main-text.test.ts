import { describe, expect, it } from 'vitest';
import { mainText } from './main-text';
import { recordMainText } from './record-text';

describe('main text without a DOM', () => {
  it('keeps the <main> content as lines and drops scripts, styles, nav and footer', () => {
    const input = `<html><head><title> Shop &amp; more </title><style>p{}</style></head><body>
      <nav><a href="/">Home</a></nav><main><h1>Prices</h1><p>Tea  costs <b>4 €</b></p>
      <script>var x = "<p>no</p>";</script><ul><li>one</li><li>two</li></ul></main>
      <footer>© 2026 Shop</footer></body></html>`;
    expect(mainText(input)).toEqual({ title: 'Shop & more', text: 'Prices\nTea costs 4 €\none\ntwo' });
  });

  it('without a main element takes the body without page chrome, table cells on one line', () => {
    const input = `<body><header>Logo</header><div>Intro</div><table><tr><td>A</td><td>1</td></tr><tr><td>B</td><td>2</td></tr></table><aside>Ad</aside></body>`;
    expect(mainText(input).text).toBe('Intro\nA\t1\nB\t2');
  });

  it('uses the first h1 when the page has no title, and survives broken markup', () => {
    expect(mainText('<h1>Hello <i>there</h1><p>text<div>more').title).toBe('Hello there');
    expect(mainText('<h1>Hello <i>there</h1><p>text<div>more').text).toBe('Hello there\ntext\nmore');
  });

  it('reads answers, markdown, text and structured data from records', () => {
    expect(recordMainText({ url: 'u', answer: { text: 'The answer', sources: [] } }).text).toBe('The answer');
    expect(recordMainText({ url: 'u', markdown: '# Hi' }).text).toBe('# Hi');
    expect(recordMainText({ url: 'u', data: [{ name: 'Tea', price: 4 }] }).text).toBe('name: Tea\nprice: 4');
    expect(recordMainText({ url: 'u', html: '<title>T</title><p>x</p>' })).toEqual({ title: 'T', text: 'x' });
  });
});
