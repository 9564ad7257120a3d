/**
 * The picker's marks on the page: boxes over the hovered and the matched elements and a small bar with
 * the count and the buttons. Everything lives in one shadow root on a host element outside the
 * page's own tree of styles; nothing of the page is changed, and removing the host removes it all.
 */
export interface Overlay {
  host: HTMLElement;
  hover(el: Element | null): void;
  mark(els: readonly Element[], text: string): void;
  remove(): void;
}

const MAX_BOXES = 400;

const CSS = `
:host { all: initial; }
.box { position: fixed; pointer-events: none; box-sizing: border-box; border: 2px solid #2458d6; background: rgba(36, 88, 214, 0.12); border-radius: 2px; }
.hover { border-color: #e8590c; background: rgba(232, 89, 12, 0.1); }
.bar { position: fixed; right: 12px; bottom: 12px; z-index: 1; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; max-width: 520px;
  padding: 8px 10px; background: #fff; color: #1c1e21; border: 1px solid #d5d8dd; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.2);
  font: 13px/1.4 system-ui, sans-serif; pointer-events: auto; }
.bar button { font: inherit; padding: 3px 10px; border: 1px solid #d5d8dd; border-radius: 6px; background: #f4f5f7; cursor: pointer; }
.bar button:disabled { opacity: .5; cursor: default; }
.status { flex-basis: 100%; overflow-wrap: anywhere; }
`;

export function createOverlay(doc: Document, actions: { rows: () => void; field: () => void; cancel: () => void }): Overlay {
  const host = doc.createElement('sq-picker-overlay');
  host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;';
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const layer = doc.createElement('div');
  const hoverBox = doc.createElement('div');
  hoverBox.className = 'box hover';
  hoverBox.hidden = true;
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'dialog');
  bar.setAttribute('aria-label', 'Scrape Queue picker');
  const status = doc.createElement('span');
  status.className = 'status';
  status.setAttribute('role', 'status');
  status.textContent = 'Click an element to pick it (Esc cancels).';
  const button = (label: string, onClick: () => void, disabled: boolean) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.disabled = disabled;
    b.addEventListener('click', onClick);
    return b;
  };
  const useRows = button('Use as rows', actions.rows, true);
  const useField = button('Use as field', actions.field, true);
  bar.append(status, useRows, useField, button('Cancel', actions.cancel, false));
  root.append(style, layer, hoverBox, bar);
  doc.documentElement.append(host);

  let marked: readonly Element[] = [];
  let hovered: Element | null = null;
  const place = (box: HTMLElement, el: Element) => {
    const r = el.getBoundingClientRect();
    box.style.left = `${r.left}px`;
    box.style.top = `${r.top}px`;
    box.style.width = `${r.width}px`;
    box.style.height = `${r.height}px`;
  };
  const redraw = () => {
    hoverBox.hidden = !hovered;
    if (hovered) place(hoverBox, hovered);
    const boxes = layer.children;
    marked.slice(0, MAX_BOXES).forEach((el, i) => place(boxes[i] as HTMLElement, el));
  };
  let frame = 0;
  const schedule = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(redraw);
  };
  addEventListener('scroll', schedule, true);
  addEventListener('resize', schedule);

  return {
    host,
    hover(el) {
      hovered = el;
      redraw();
    },
    mark(els, text) {
      marked = els;
      layer.replaceChildren(
        ...els.slice(0, MAX_BOXES).map(() => {
          const box = doc.createElement('div');
          box.className = 'box';
          return box;
        }),
      );
      status.textContent = text;
      useRows.disabled = useField.disabled = els.length === 0;
      redraw();
    },
    remove() {
      cancelAnimationFrame(frame);
      removeEventListener('scroll', schedule, true);
      removeEventListener('resize', schedule);
      host.remove();
    },
  };
}
