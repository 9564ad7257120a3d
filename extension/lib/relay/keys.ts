import type { ScrapeQueueDB } from '../db/schema';
import { toBase64Url } from './base64';

/** A relay sealing key: the private half is a non-extractable WebCrypto key kept in IndexedDB. */
export interface RelayKey {
  /** base64url of the first 16 bytes of SHA-256(raw public key), as the relay names it. */
  kid: string;
  privateKey: CryptoKey;
  /** base64url raw P-256 public key, sent to the relay. */
  publicKey: string;
  createdAt: number;
}

export async function relayKeyId(publicKeyRaw: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64Url(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', publicKeyRaw)).subarray(0, 16));
}

/** Key pairs by id. Old keys are kept a while after a rotation so events sealed to them still open. */
export function createRelayKeys(db: ScrapeQueueDB, now: () => number = Date.now) {
  // A disposable in-memory copy: the same CryptoKey object each time lets unseal.ts reuse derived keys.
  const loaded = new Map<string, CryptoKey>();
  return {
    /** A new ECDH P-256 pair; only the public key can ever be exported. */
    async generate(): Promise<{ kid: string; publicKey: string }> {
      const pair = await globalThis.crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
      const raw = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', pair.publicKey));
      const key: RelayKey = { kid: await relayKeyId(raw), privateKey: pair.privateKey, publicKey: toBase64Url(raw), createdAt: now() };
      await db.relayKeys.put(key);
      return { kid: key.kid, publicKey: key.publicKey };
    },
    async find(kid: string): Promise<CryptoKey | undefined> {
      const hit = loaded.get(kid);
      if (hit) return hit;
      const key = (await db.relayKeys.get(kid))?.privateKey;
      if (key) loaded.set(kid, key);
      return key;
    },
    /** Keeps the newest `keep` keys (the current one and the one before a rotation). */
    async prune(keep = 2): Promise<void> {
      const old = await db.relayKeys.orderBy('createdAt').reverse().offset(keep).primaryKeys();
      await db.relayKeys.bulkDelete(old);
      for (const kid of old) loaded.delete(kid);
    },
    async clear(): Promise<void> {
      loaded.clear();
      await db.relayKeys.clear();
    },
  };
}

export type RelayKeys = ReturnType<typeof createRelayKeys>;
