import { browser } from 'wxt/browser';
import type { MessageData, MessageName, MessageReturn } from './protocol';
import { Envelope, type Reply, serializeError } from './wire';

export type Handlers = {
  [K in MessageName]: (data: MessageData<K>) => Promise<MessageReturn<K>> | MessageReturn<K>;
};

/** Registers all handlers on runtime.onMessage (synchronously, so a message can wake the worker). */
export function registerHandlers(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    const parsed = Envelope.safeParse(message);
    if (!parsed.success) return undefined;
    const { name, data } = parsed.data;
    if (!(name in handlers)) {
      return Promise.resolve<Reply>({ ok: false, error: { name: 'Error', message: `Unknown message ${name}` } });
    }
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
