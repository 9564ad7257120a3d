import type { RelayEvent } from '@@/shared/relay-protocol';
import type { WebhookEvent } from '../providers/types';

/** Raw bytes → text: base64 decoded, gunzipped when the provider compressed it (some do by default). */
export async function decodeEvent(event: RelayEvent): Promise<WebhookEvent> {
  const bytes = Uint8Array.from(atob(event.bodyBase64), (c) => c.charCodeAt(0));
  const gzipped = /gzip/i.test(event.headers['content-encoding'] ?? '') || (bytes[0] === 0x1f && bytes[1] === 0x8b);
  const body = gzipped
    ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
    : new TextDecoder().decode(bytes);
  return { headers: event.headers, body, query: event.query };
}
