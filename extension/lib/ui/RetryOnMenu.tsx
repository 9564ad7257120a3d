import { useEffect, useRef, useState } from 'preact/hooks';
import type { FailoverTarget } from '../jobs/failover';
import type { QueueResult } from '../messaging/protocol';
import { useServices } from './services';

export interface RetryOnMenuProps {
  /** One job, or every failed/expired job of a group. */
  scope: { id: string } | { groupId: string };
  /** The button's text and accessible name. */
  name?: string;
}

type MenuState = { kind: 'closed' } | { kind: 'loading' } | { kind: 'open'; targets: FailoverTarget[] };

const queuedText = (r: QueueResult, label: string) =>
  r.jobIds.length === 0 ? 'Nothing failed to retry.' : `Queued ${r.queued} on ${label}.`;

/** "Retry on…": a menu of the other configured providers; choosing one queues what failed there. */
export function RetryOnMenu({ scope, name = 'Retry on…' }: RetryOnMenuProps) {
  const { send } = useServices();
  const [menu, setMenu] = useState<MenuState>({ kind: 'closed' });
  const [note, setNote] = useState<{ text: string; error: boolean }>();
  const listRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (menu.kind === 'open') listRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [menu.kind]);

  const close = () => {
    setMenu({ kind: 'closed' });
    buttonRef.current?.focus();
  };

  async function toggle() {
    if (menu.kind !== 'closed') return close();
    setNote(undefined);
    setMenu({ kind: 'loading' });
    try {
      setMenu({ kind: 'open', targets: await send('failoverTargets', scope) });
    } catch (e) {
      setMenu({ kind: 'closed' });
      setNote({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  }

  async function choose(target: FailoverTarget) {
    setMenu({ kind: 'closed' });
    try {
      const result = 'id' in scope
        ? await send('retryJobOn', { id: scope.id, provider: target.id })
        : await send('retryGroupOn', { groupId: scope.groupId, provider: target.id });
      setNote({ text: queuedText(result, target.label), error: false });
    } catch (e) {
      setNote({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') return close();
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.findIndex((el) => el === document.activeElement);
    const next = items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
    next?.focus();
  }

  return (
    <span class="retry-on">
      <button
        type="button"
        ref={buttonRef}
        aria-haspopup="menu"
        aria-expanded={menu.kind === 'open'}
        aria-busy={menu.kind === 'loading'}
        onClick={() => void toggle()}
      >
        {name}
      </button>
      {menu.kind === 'open' && (
        <div role="menu" aria-label={name} class="retry-on-menu" ref={listRef} onKeyDown={onKeyDown}>
          {menu.targets.length === 0 ? (
            <p class="muted">No other configured provider takes this job.</p>
          ) : (
            menu.targets.map((t) => (
              <button key={t.id} type="button" role="menuitem" tabIndex={-1} onClick={() => void choose(t)}>
                {t.label}
              </button>
            ))
          )}
        </div>
      )}
      {note && (
        // Not role=status: the popup's queue report is the page's one status region.
        <span role={note.error ? 'alert' : undefined} aria-live="polite" class={note.error ? 'error' : 'muted'}>
          {note.text}
        </span>
      )}
    </span>
  );
}
