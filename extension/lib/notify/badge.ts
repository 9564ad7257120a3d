/** Coalesces badge refreshes: thousands of jobs settling in one pass cause one count query. */
export function createBadge(countActive: () => Promise<number>, setText: (text: string) => Promise<void>, delayMs = 250) {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const refreshNow = async () => {
    pending = undefined;
    const n = await countActive();
    await setText(n === 0 ? '' : n > 9999 ? `${Math.floor(n / 1000)}k` : String(n));
  };
  return {
    refresh(): void {
      pending ??= setTimeout(() => void refreshNow().catch(() => undefined), delayMs);
    },
    refreshNow,
  };
}
