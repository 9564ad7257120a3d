import { browser } from 'wxt/browser';
import { z } from 'zod';

/** The extension's relay channel, kept in storage.local like the API keys (never exported). */
export const RelayState = z.object({
  url: z.string(),
  channelId: z.string(),
  subscriberSecret: z.string(),
  webhookUrl: z.string(),
  /** Highest cursor applied and acked. */
  lastCursor: z.number().int().nonnegative().default(0),
  lastEventAt: z.number().optional(),
  error: z.string().optional(),
  /** When the relay last closed our stream with 4409 `replaced` (see replaced.ts). */
  replacedAt: z.number().optional(),
});
export type RelayState = z.infer<typeof RelayState>;

const KEY = 'relay';

export async function loadRelayState(): Promise<RelayState | undefined> {
  const stored: Record<string, unknown> = await browser.storage.local.get(KEY);
  const parsed = RelayState.safeParse(stored[KEY]);
  return parsed.success ? parsed.data : undefined;
}

export async function saveRelayState(state: RelayState | undefined): Promise<void> {
  if (state) await browser.storage.local.set({ [KEY]: state });
  else await browser.storage.local.remove(KEY);
}

export async function patchRelayState(patch: Partial<RelayState>): Promise<RelayState | undefined> {
  const current = await loadRelayState();
  if (!current) return undefined;
  const next = { ...current, ...patch };
  await saveRelayState(next);
  return next;
}

/** Calls `listener` whenever the stored relay state is written or removed (any extension context). */
export function onRelayStateChanged(listener: () => void): void {
  browser.storage.onChanged.addListener((changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && KEY in changes) listener();
  });
}
