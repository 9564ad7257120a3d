import { createCipheriv, createDecipheriv, hash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 chars). Used for channel ids, subscriber secrets and webhook tokens. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps instead of a secret or token. */
export function hashSecret(secret: string): Buffer {
  // One-shot hash(): no Hash object per webhook (every webhook hashes its token).
  return hash('sha256', secret, 'buffer');
}

// Compared against when the channel does not exist, so unknown and wrong cost the same work.
const DUMMY_HASH = hashSecret(newToken());

/**
 * Constant-time check of a presented secret against a stored SHA-256 digest (equal-length digests,
 * so timingSafeEqual never throws). `stored` undefined (unknown channel) still does the work and fails.
 */
export function secretMatches(presented: string | undefined, stored: Buffer | undefined): boolean {
  const actual = hashSecret(presented ?? '');
  const expected = stored ?? DUMMY_HASH;
  const equal = expected.length === actual.length && timingSafeEqual(actual, expected);
  return equal && stored !== undefined && presented !== undefined;
}

/** `Authorization: Bearer <secret>` → secret, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

// The relay must show the webhook URL again (GET /v1/channels/:id) but stores only hashes. So the
// token is also kept encrypted under a key derived from the subscriber secret: readable only by
// someone presenting the secret, useless from a copy of the database alone.
const sealKey = (secret: string, channelId: string) =>
  Buffer.from(hkdfSync('sha256', secret, channelId, 'scrape-queue relay webhook token', 32));

export function sealToken(token: string, secret: string, channelId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret, channelId), iv);
  const ct = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

/** Throws when the secret is not the one the token was sealed with. */
export function openToken(sealed: string, secret: string, channelId: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(secret, channelId), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Constant-time comparison of a presented token with a configured one (both hashed to equal length first). */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  return secretMatches(presented, hashSecret(expected));
}
