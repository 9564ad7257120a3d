/** Empty is fine (the provider's default is used); anything else must be an absolute http(s) URL. */
export function baseUrlError(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Use an http:// or https:// URL.';
    if (url.username || url.password) return 'Leave credentials out of the URL; use the API key field.';
    return undefined;
  } catch {
    return 'Enter a full URL, e.g. https://api.example.com';
  }
}

/** A number typed into a bounded field, or the message to show. */
export function boundedNumber(value: string, min: number, max: number, integer = false): { value: number } | { error: string } {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) return { error: `Enter a number from ${min} to ${max}.` };
  if (integer && !Number.isInteger(n)) return { error: `Enter a whole number from ${min} to ${max}.` };
  if (n < min || n > max) return { error: `Enter a number from ${min} to ${max}.` };
  return { value: n };
}
