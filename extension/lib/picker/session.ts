import { liveDom } from './live-dom';
import { createOverlay } from './overlay';
import type { FromPicker } from './protocol';
import { generalize, guessField, relativeSelector, rowOf } from './selector';

/** Page events the picker swallows so a click picks instead of following links or running handlers. */
const SWALLOWED = ['click', 'dblclick', 'auxclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'contextmenu', 'submit'] as const;

/**
 * One picking session on the live page: hover highlights, each click adds an example and highlights
 * every element like the examples, "Use as rows"/"Use as field" report the selector, Escape or Cancel
 * ends it. The returned function ends it too; either way every listener and mark is removed.
 */
export function startPickSession(doc: Document, rowSelector: string, report: (message: FromPicker) => void): () => void {
  const dom = liveDom(doc);
  let examples: Element[] = [];
  let current: { selector: string; matches: Element[] } | undefined;
  let ended = false;

  const end = (message?: FromPicker) => {
    if (ended) return;
    ended = true;
    for (const type of SWALLOWED) removeEventListener(type, swallow, true);
    removeEventListener('mousemove', onMove, true);
    removeEventListener('keydown', onKey, true);
    overlay.remove();
    if (message) report(message);
  };

  const fieldSelector = (): string => {
    const first = examples[0];
    if (!first || !current) return '';
    const row = rowSelector.trim() ? rowOf(dom, rowSelector, first) : undefined;
    return row ? relativeSelector(dom, row, first) : current.selector;
  };

  const overlay = createOverlay(doc, {
    rows: () => current && end({ type: 'picked', use: 'rows', selector: current.selector, count: current.matches.length, ...guessField(dom, examples[0]!) }),
    field: () => current && end({ type: 'picked', use: 'field', selector: fieldSelector(), count: current.matches.length, ...guessField(dom, examples[0]!) }),
    cancel: () => end({ type: 'cancel' }),
  });
  const ours = (e: Event) => e.composedPath().includes(overlay.host);

  function onMove(e: MouseEvent) {
    if (ours(e)) return overlay.hover(null);
    overlay.hover(e.target instanceof Element ? e.target : null);
  }
  function swallow(e: Event) {
    if (ours(e)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.type !== 'click' || !(e.target instanceof Element)) return;
    const merged = generalize(dom, [...examples, e.target]);
    // A click on something unlike the examples starts over from it.
    examples = merged ? [...examples, e.target] : [e.target];
    const found = merged ?? generalize(dom, examples);
    current = found;
    if (!found) return;
    const n = found.matches.length;
    overlay.mark(found.matches, `${n} similar element${n === 1 ? '' : 's'}: ${found.selector}`);
    report({ type: 'state', selector: found.selector, count: n });
  }
  function onKey(e: KeyboardEvent) {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    end({ type: 'cancel' });
  }

  for (const type of SWALLOWED) addEventListener(type, swallow, true);
  addEventListener('mousemove', onMove, true);
  addEventListener('keydown', onKey, true);
  return () => end();
}
