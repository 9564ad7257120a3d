/**
 * The key-check wrapper every adapter uses: an empty key never leaves the browser, and a ProviderError
 * (network down, 5xx, bad key mapped by the adapter) becomes a readable failed check instead of a throw.
 * @module
 */
import { isProviderError } from '../errors';
import type { CallContext, KeyCheck } from '../types';

export const EMPTY_KEY_MESSAGE = 'Enter a key first.';

export function checkKeyWith(check: (ctx: CallContext) => Promise<KeyCheck>): (ctx: CallContext) => Promise<KeyCheck> {
  return async (ctx) => {
    if (!ctx.config.apiKey.trim()) return { ok: false, message: EMPTY_KEY_MESSAGE };
    try {
      return await check(ctx);
    } catch (e) {
      if (isProviderError(e)) return { ok: false, message: `Could not check the key: ${e.message}` };
      throw e;
    }
  };
}
