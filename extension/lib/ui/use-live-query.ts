import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Subscribes to a Dexie liveQuery and re-runs it when `deps` change or the tables it read change
 * (in this page or in the background worker: same origin, same database).
 * While a new query is pending the previous value is kept, so lists don't flash empty.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (next) => setValue(() => next),
      error: (error: unknown) => console.error('Scrape Queue: live query failed', error),
    });
    return () => subscription.unsubscribe();
    // The caller lists the inputs of `query` in `deps`, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deps are supplied by the caller
  }, deps);
  return value;
}
