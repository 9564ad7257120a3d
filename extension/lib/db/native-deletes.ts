import { Dexie, mergeRanges, RangeSet, type ObservabilitySet, type Transaction } from 'dexie';

/*
 * Range deletes straight on IndexedDB, for bulk actions that delete thousands of key runs. Dexie's
 * Collection.delete() counts each range before deleting it and runs both requests through its
 * middlewares: measured in Chromium on this box, 4.4 s against 1.0 s native for the same 1,000 runs.
 */

/** Why the native path could not run. */
export class NativeDeleteError extends Error {
  override readonly name = 'NativeDeleteError';
}

/** Every key, as Dexie's observability sets spell it (its MIN_KEY to MAX_KEY). */
const everything = () => new RangeSet(-Infinity, [[[]]]);

/**
 * Adds "anything in `store` may have changed" to what Dexie announces when this transaction commits
 * (`storagemutated`, relayed to the extension's other pages), since Dexie does not see native requests.
 * Announced with the transaction's own changes, live queries re-read once per commit, and not at all if it
 * aborts. `mutatedParts` on the IndexedDB transaction is where Dexie's observability middleware gathers them.
 */
function announceAtCommit(trans: Transaction, store: string): void {
  const prefix = `idb://${trans.db.name}/${store}/`;
  const names = ['', ':dels', ...trans.db.table(store).schema.indexes.map((index) => index.name)];
  const gathered: unknown = Reflect.get(trans.idbtrans, 'mutatedParts');
  const parts: ObservabilitySet = gathered && typeof gathered === 'object' ? { ...gathered } : {};
  for (const name of names) {
    const existing = parts[prefix + name];
    if (existing) mergeRanges(existing, everything());
    else parts[prefix + name] = everything();
  }
  Reflect.set(trans.idbtrans, 'mutatedParts', parts);
}

/**
 * Deletes each [lo, hi] primary-key range (inclusive) of `store` in the current Dexie read-write
 * transaction, which must include that store; live queries learn of it when the transaction commits.
 * Resolves when the last request succeeded: requests of one transaction run in order, and any failure
 * aborts the transaction (Dexie then rejects it).
 */
export function deleteKeyRanges(store: string, ranges: readonly (readonly [IDBValidKey, IDBValidKey])[]): Promise<void> {
  const trans = Dexie.currentTransaction;
  const idbtrans = trans?.idbtrans;
  if (!trans || !idbtrans) throw new NativeDeleteError('deleteKeyRanges must run inside a Dexie read-write transaction');
  const target = idbtrans.objectStore(store);
  let last: IDBRequest | undefined;
  for (const [lo, hi] of ranges) last = target.delete(indexedDB.cmp(lo, hi) === 0 ? lo : IDBKeyRange.bound(lo, hi));
  if (!last) return Promise.resolve();
  announceAtCommit(trans, store);
  const request = last;
  return new Promise((resolve, reject) => {
    request.addEventListener('success', () => resolve(), { once: true });
    request.addEventListener('error', () => reject(request.error ?? new NativeDeleteError(`Deleting from ${store} failed`)), { once: true });
  });
}
