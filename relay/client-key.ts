import { isIPv4, isIPv6 } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The rate-limit bucket of a client address: an IPv4 address as is, an IPv6 address cut to its /64
 * (one subscriber line gets a whole /64, so rotating inside it must not buy new buckets).
 */
export function addressKey(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(a)) return a;
  if (!isIPv6(a)) return '?';
  const [head = '', tail = ''] = a.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = a.includes('::') && tail ? tail.split(':') : [];
  // A trailing dotted IPv4 part stands for two groups; it lies in the low 64 bits, which are dropped anyway.
  const groups = a.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The client's bucket key: the socket's peer, or with `trustProxy` the last X-Forwarded-For entry (the one the proxy added). */
export function clientKey(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  return addressKey(list.at(-1) ?? req.socket.remoteAddress ?? '?');
}
