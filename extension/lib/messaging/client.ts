import { browser } from 'wxt/browser';
import type { MessageData, MessageName, MessageReturn } from './protocol';
import { RemoteError, Reply } from './wire';

/** Sends one typed message to the background; a handler's error is rethrown here. */
export async function sendMessage<K extends MessageName>(name: K, data: MessageData<K>): Promise<MessageReturn<K>> {
  const raw: unknown = await browser.runtime.sendMessage({ $sq: 1, name, data });
  const reply = Reply.parse(raw);
  if (!reply.ok) throw new RemoteError(reply.error.name, reply.error.message);
  // The background handler for K produced this value; the protocol map is the contract.
  return reply.value as MessageReturn<K>;
}
