import { toBase64Url } from './base64';

/** Query parameter of the per-job token in the webhook URL the provider is given (and echoes back). */
export const WEBHOOK_TOKEN_PARAM = 't';

/** 128 random bits, base64url: the proof that a webhook tagged `j=<job id>` really comes from that job's URL. */
export function newWebhookToken(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return toBase64Url(random(new Uint8Array(16)));
}

/**
 * Whether the event's token is the job's. Constant time over the token's bytes, so response timing
 * never tells how much of a guess was right. A job without a stored token (created before tokens
 * existed) matches nothing.
 */
export function webhookTokenMatches(stored: string | undefined, given: string | null): boolean {
  if (!stored || given === null) return false;
  const a = new TextEncoder().encode(stored);
  const b = new TextEncoder().encode(given);
  // The length is not secret (always 22 characters); comparing unequal lengths would read past one of them.
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
