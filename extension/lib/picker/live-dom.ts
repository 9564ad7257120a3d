import type { DomAdapter } from './selector';

/** The selector helpers on the live page (content script). */
export function liveDom(doc: Document): DomAdapter<Element> {
  return {
    parent: (el) => el.parentElement,
    tag: (el) => el.localName,
    classes: (el) => [...el.classList],
    selectAll: (selector) => [...doc.querySelectorAll(selector)],
    selectIn: (root, selector) => root.querySelector(selector),
  };
}
