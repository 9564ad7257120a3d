import { SEAL_ALG, type RelayEvent } from '../shared/relay-protocol';
import type { StoredEvent } from './store/types';

/** Stored event → wire format (the body as base64 of the raw bytes). */
export function toWire(e: StoredEvent): RelayEvent {
  return {
    id: e.id,
    cursor: e.cursor,
    receivedAt: e.receivedAt,
    headers: e.headers,
    query: e.query,
    bodyBase64: e.body.toString('base64'),
    ...(e.seal && { sealed: { alg: SEAL_ALG, ...e.seal } }),
  };
}

/** Request headers that are stored with an event; everything else (cookies, authorization, …) is dropped. */
export function pickHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name === 'content-type' || name === 'content-encoding' || name === 'user-agent' || name.startsWith('x-')) {
      out[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return out;
}
