import { SEAL_INFO, type RelayEvent } from '@@/shared/relay-protocol';
import { z } from 'zod';
import { fromBase64, toBase64 } from './base64';

export class UnsealError extends Error {
  override readonly name = 'UnsealError';
}

/** The private key for a key id, or undefined when this browser does not hold it (any more). */
export type FindRelayKey = (kid: string) => Promise<CryptoKey | undefined>;

const Headers = z.record(z.string(), z.string());

// The relay reuses an ephemeral key for a short window (relay/seal.ts), so the derived AES key is too:
// derive it once per (private key, ephemeral key) instead of two P-256 operations per event.
const derivedByKey = new WeakMap<CryptoKey, Map<string, Promise<CryptoKey>>>();

async function aesKeyFor(epkB64: string, privateKey: CryptoKey): Promise<CryptoKey> {
  let derived = derivedByKey.get(privateKey);
  if (!derived) derivedByKey.set(privateKey, (derived = new Map()));
  const cacheKey = epkB64;
  let key = derived.get(cacheKey);
  if (!key) {
    const subtle = globalThis.crypto.subtle;
    key = (async () => {
      const epkRaw = fromBase64(epkB64);
      const epk = await subtle.importKey('raw', epkRaw, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      const shared = await subtle.deriveBits({ name: 'ECDH', public: epk }, privateKey, 256);
      const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
      return subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: epkRaw, info: new TextEncoder().encode(SEAL_INFO) }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
    })();
    if (derived.size >= 256) derived.clear();
    derived.set(cacheKey, key);
    // A failed derivation (bad point) must not stay cached.
    key.catch(() => derived.delete(cacheKey));
  }
  return key;
}

/**
 * Opens a sealed relay event (format: `EventSeal` in shared/relay-protocol.ts) with the private key
 * that never leaves this browser; an event that is not sealed is returned as it is (old relays).
 * Throws {@link UnsealError} when the key is missing or the ciphertext does not authenticate.
 */
export async function unsealEvent(event: RelayEvent, channelId: string, findKey: FindRelayKey): Promise<RelayEvent> {
  const seal = event.sealed;
  if (!seal) return event;
  if (!event.id) throw new UnsealError(`Sealed relay event ${event.cursor} has no id`);
  const privateKey = await findKey(seal.kid);
  if (!privateKey) throw new UnsealError(`No key ${seal.kid} for sealed relay event ${event.cursor} (rotated away?)`);
  try {
    const aes = await aesKeyFor(seal.epk, privateKey);
    const plain = new Uint8Array(
      await globalThis.crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(seal.iv), additionalData: new TextEncoder().encode(`${channelId}/${event.id}`) },
        aes,
        fromBase64(event.bodyBase64),
      ),
    );
    const headersLength = new DataView(plain.buffer, plain.byteOffset, 4).getUint32(0);
    const headers = Headers.parse(JSON.parse(new TextDecoder().decode(plain.subarray(4, 4 + headersLength))));
    const { sealed: _sealed, ...rest } = event;
    return { ...rest, headers, bodyBase64: toBase64(plain.subarray(4 + headersLength)) };
  } catch (e) {
    throw new UnsealError(`Sealed relay event ${event.cursor} could not be opened: ${e instanceof Error ? e.message : String(e)}`);
  }
}
