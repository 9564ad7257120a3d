/**
 * Webhook signatures, for providers that sign. ScrapingPros (newer docs) signs its run callbacks with
 * HMAC-SHA256 in a header; the docs name neither the header nor the encoding
 * (shared/reference/provider-apis.md §4), so `X-Signature` carrying the hex digest of the raw body,
 * with or without a `sha256=` prefix, is accepted. A scheme is checked only when the channel owner
 * configured its secret (`PUT /v1/channels/:id/signatures/:scheme`); webhooks tagged `p=<scheme>` then
 * need a valid signature.
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_SCHEMES = ['scrapingpros'] as const;
export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];

export const isSignatureScheme = (s: string): s is SignatureScheme => (SIGNATURE_SCHEMES as readonly string[]).includes(s);

/** The scheme that applies to a webhook: its `p` tag, when the channel has a secret for it. */
export function schemeFor(query: string, hookSecrets: Record<string, string>): SignatureScheme | undefined {
  // Most channels configure no secret: their webhooks' queries need no parsing.
  if (!SIGNATURE_SCHEMES.some((s) => hookSecrets[s])) return undefined;
  const tag = new URLSearchParams(query).get('p');
  return tag && isSignatureScheme(tag) && hookSecrets[tag] ? tag : undefined;
}

/** Constant-time check of `X-Signature: [sha256=]<hex HMAC-SHA256(secret, body)>`. */
export function signatureMatches(secret: string, body: Buffer, header: string | string[] | undefined): boolean {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().replace(/^sha256=/i, '') ?? '';
  const expected = createHmac('sha256', secret).update(body).digest();
  const presented = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.alloc(expected.length);
  return timingSafeEqual(presented, expected) && value.length === 64;
}

/** What a provider (or a test) sends: the header value for `body`. */
export function signBody(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
