import type { CallContext } from '../providers/types';

/**
 * Caches a provider's account-reported concurrency (capability `accountConcurrency`) per key and base URL,
 * so the scheduler asks at most once per `ttlMs`. A failed look-up means "no cap known" (the adapter's own
 * concurrency applies), never a failed pass.
 */
export function createAccountConcurrency(
  load: (ctx: CallContext) => Promise<number | undefined>,
  now: () => number,
  ttlMs = 5 * 60_000,
) {
  let cached: { key: string; at: number; value: Promise<number | undefined> } | undefined;
  return (ctx: CallContext): Promise<number | undefined> => {
    if (!ctx.config.apiKey) return Promise.resolve(undefined);
    const key = `${ctx.config.baseUrl}\u0000${ctx.config.apiKey}`;
    if (!cached || cached.key !== key || now() - cached.at > ttlMs) {
      cached = { key, at: now(), value: load(ctx).catch(() => undefined) };
    }
    return cached.value;
  };
}
