import { cleartextProblem } from '@/lib/urls/transport';

/**
 * Empty is fine (the provider's default is used); anything else must be an absolute https URL, or
 * http on this machine only (the key would otherwise travel in clear).
 */
export function baseUrlError(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'Enter a full URL, e.g. https://api.example.com';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Use an https:// URL.';
  if (url.username || url.password) return 'Leave credentials out of the URL; use the API key field.';
  return cleartextProblem(trimmed, 'the API key');
}

/** The relay URL as typed: required, https (or http on this machine: the relay secret travels with every call). */
export function relayUrlError(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return 'Enter the relay URL first, e.g. https://relay.example.com or http://127.0.0.1:8787.';
  return cleartextProblem(trimmed, 'the relay secret and your webhooks');
}

/** A number typed into a bounded field, or the message to show. */
export function boundedNumber(value: string, min: number, max: number, integer = false): { value: number } | { error: string } {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) return { error: `Enter a number from ${min} to ${max}.` };
  if (integer && !Number.isInteger(n)) return { error: `Enter a whole number from ${min} to ${max}.` };
  if (n < min || n > max) return { error: `Enter a number from ${min} to ${max}.` };
  return { value: n };
}

/**
 * A monthly budget as typed: empty → no budget (undefined); otherwise a positive number of credits
 * ("1,000" and surrounding spaces allowed), or the message to show.
 */
export function budgetInput(value: string): { value: number | undefined } | { error: string } {
  const trimmed = value.trim().replace(/,/g, '');
  if (trimmed === '') return { value: undefined };
  const n = Number(trimmed);
  if (!/^\d*\.?\d+$/.test(trimmed) || !Number.isFinite(n) || n <= 0) {
    return { error: 'Enter a positive number of credits, or leave it empty for no budget.' };
  }
  return { value: n };
}
