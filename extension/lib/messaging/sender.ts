import type { MessageName } from './protocol';

/**
 * Who sent a runtime message: this extension's own pages or worker, one of its content scripts
 * (which runs inside a web page, so the page can drive it), or anything else.
 */
export type SenderKind = 'extension' | 'content-script' | 'foreign';

/** Messages a content script may send; every other handler serves only this extension's own pages. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageName> = new Set<MessageName>(['selectionCount']);

/** What senderKind reads of a runtime.MessageSender. */
export interface SenderFacts {
  id?: string;
  url?: string;
  tab?: unknown;
}

export function senderKind(sender: SenderFacts | undefined, self: { id: string; origin: string }): SenderKind {
  if (!sender || sender.id !== self.id) return 'foreign';
  // An extension page opened in a tab has a tab too; its URL tells it apart from a content script.
  if (sender.url?.startsWith(self.origin)) return 'extension';
  return sender.tab ? 'content-script' : 'foreign';
}

/** Undefined when `kind` may call `name`, else the refusal sent back. */
export function refusal(kind: SenderKind, name: MessageName): string | undefined {
  if (kind === 'extension') return undefined;
  if (kind === 'content-script' && CONTENT_SCRIPT_MESSAGES.has(name)) return undefined;
  return `"${name}" is not allowed from a web page`;
}
