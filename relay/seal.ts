/**
 * Sealed events: the relay encrypts each webhook's headers and body to the subscriber's P-256 public
 * key before storing it, so the store (SQLite file, Redis dump) holds only ciphertext. Per event: a
 * fresh ephemeral ECDH key, HKDF-SHA256 (salt = ephemeral public key) to an AES-256-GCM key, a random
 * nonce, and the channel and event ids as associated data. The extension decrypts with WebCrypto
 * (extension/lib/relay/unseal.ts); `shared/relay-protocol.ts` documents the format.
 * @module
 */
import { createCipheriv, createECDH, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { SEAL_INFO } from '../shared/relay-protocol';
import type { EventSeal } from './store/types';

const CURVE = 'prime256v1';

/** A subscriber key's id: the first 16 bytes of SHA-256 of its raw public key, base64url. */
export function keyId(publicKey: string): string {
  return createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest().subarray(0, 16).toString('base64url');
}

/** True for a base64url raw uncompressed P-256 point that is on the curve. */
export function isValidPublicKey(publicKey: string): boolean {
  const raw = Buffer.from(publicKey, 'base64url');
  if (raw.length !== 65 || raw[0] !== 0x04 || raw.toString('base64url') !== publicKey) return false;
  try {
    // computeSecret rejects points that are not on the curve.
    const probe = createECDH(CURVE);
    probe.generateKeys();
    probe.computeSecret(raw);
    return true;
  } catch {
    return false;
  }
}

/** The plaintext that is sealed: u32 length of the headers JSON, the headers JSON, then the body bytes. */
export function envelope(headers: Record<string, string>, body: Buffer): Buffer {
  const h = Buffer.from(JSON.stringify(headers), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(h.length);
  return Buffer.concat([len, h, body]);
}

export function associatedData(channelId: string, eventId: string): Buffer {
  return Buffer.from(`${channelId}/${eventId}`, 'utf8');
}

// Two P-256 scalar multiplications cost ~0.3 ms, a third of a core at 1,000 webhooks/s. So one
// ephemeral key (and the AES key derived from it) serves a subscriber key for a short window; each event
// still gets its own random nonce and associated data, and the ephemeral private key is dropped after.
const EPHEMERAL_WINDOW_MS = 1_000;
const EPHEMERAL_MAX_USES = 10_000;
const ephemerals = new Map<string, { epk: Buffer; key: Buffer; until: number; uses: number }>();

function ephemeralFor(publicKey: string, now: number) {
  const hit = ephemerals.get(publicKey);
  if (hit && hit.until > now && hit.uses < EPHEMERAL_MAX_USES) {
    hit.uses++;
    return hit;
  }
  const ephemeral = createECDH(CURVE);
  const epk = ephemeral.generateKeys();
  const shared = ephemeral.computeSecret(Buffer.from(publicKey, 'base64url'));
  const entry = { epk, key: Buffer.from(hkdfSync('sha256', shared, epk, SEAL_INFO, 32)), until: now + EPHEMERAL_WINDOW_MS, uses: 1 };
  if (ephemerals.size >= 1_000) ephemerals.clear();
  ephemerals.set(publicKey, entry);
  return entry;
}

/** Seals headers + body to `publicKey`; returns the ciphertext (with the GCM tag appended, as WebCrypto expects) and its seal. */
export function sealEvent(
  publicKey: string,
  ids: { channelId: string; eventId: string },
  headers: Record<string, string>,
  body: Buffer,
  now = Date.now(),
): { seal: EventSeal; ciphertext: Buffer } {
  const { epk, key } = ephemeralFor(publicKey, now);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(ids.channelId, ids.eventId));
  const ciphertext = Buffer.concat([cipher.update(envelope(headers, body)), cipher.final(), cipher.getAuthTag()]);
  return { seal: { kid: keyId(publicKey), epk: epk.toString('base64url'), iv: iv.toString('base64url') }, ciphertext };
}
