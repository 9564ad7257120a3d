/**
 * Where keys and secrets may travel: over https anywhere, over plain http only to this machine
 * (a local relay or a test fake), so an API key or the relay secret never crosses a network in clear.
 * @module
 */

/** 127.0.0.0/8, ::1 and localhost (and its subdomains, which resolve to loopback by RFC 6761). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Why `url` may not carry `what` (e.g. "the API key"), or undefined when it may: https, or http to a
 * loopback address. The text is shown as is in Options and in a job's error.
 */
export function cleartextProblem(url: string, what: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a full URL.`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return undefined;
  if (parsed.protocol === 'http:') {
    return `Use https:// for ${parsed.host}: over http:// ${what} would travel unencrypted. Plain http is allowed only for this machine (127.0.0.1, ::1, localhost).`;
  }
  return `Use an https:// URL (not ${parsed.protocol}).`;
}
