import { browser, type Browser } from 'wxt/browser';
import type { MessageData, MessageName, MessageReturn } from './protocol';
import { refusal, senderKind } from './sender';
import { Envelope, type Reply, serializeError } from './wire';

export type Handlers = {
  [K in MessageName]: (data: MessageData<K>) => Promise<MessageReturn<K>> | MessageReturn<K>;
};

/**
 * Registers all handlers on runtime.onMessage (synchronously, so a message can wake the worker).
 * Only this extension's pages and worker reach the handlers; a content script reaches only
 * {@link CONTENT_SCRIPT_MESSAGES}, and other senders get no answer at all.
 */
export function registerHandlers(handlers: Handlers): void {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    const parsed = Envelope.safeParse(message);
    if (!parsed.success) return undefined;
    const { name, data } = parsed.data;
    const kind = senderKind(sender, self);
    if (kind === 'foreign') return undefined;
    if (!(name in handlers)) {
      return Promise.resolve<Reply>({ ok: false, error: { name: 'Error', message: `Unknown message ${name}` } });
    }
    const refused = refusal(kind, name as MessageName);
    if (refused) return Promise.resolve<Reply>({ ok: false, error: { name: 'NotAllowedError', message: refused } });
    const handler = handlers[name as MessageName] as (d: unknown) => unknown;
    return (async (): Promise<Reply> => {
      try {
        return { ok: true, value: await handler(data) };
      } catch (e) {
        return { ok: false, error: serializeError(e) };
      }
    })();
  });
}
