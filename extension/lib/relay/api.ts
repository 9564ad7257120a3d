import type { z } from 'zod';
import {
  AckResult,
  ChannelCredentials,
  ChannelInfo,
  ErrorBody,
  EventsPage,
  relayPaths,
} from '@@/shared/relay-protocol';
import { cleartextProblem } from '../urls/transport';

export class RelayError extends Error {
  override readonly name = 'RelayError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Typed calls to the relay's HTTP API; every answer is parsed with the shared protocol schema. */
export function createRelayApi(fetchFn: typeof fetch, baseUrl: string, secret?: string) {
  // Checked on every call, not only in Options: a relay URL stored before this rule must not carry the secret in clear.
  const cleartext = cleartextProblem(baseUrl, 'the relay secret and your webhooks');
  async function call<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}, bearer = secret): Promise<T> {
    if (cleartext) throw new RelayError(cleartext);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (init.body) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchFn(new URL(path, baseUrl).href, { ...init, headers });
    } catch (e) {
      throw new RelayError(`Relay unreachable at ${baseUrl}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new RelayError(`Relay answered HTTP ${res.status} with a non-JSON body`, res.status);
    }
    if (!res.ok) {
      const err = ErrorBody.safeParse(json);
      if (err.success && err.data.error === 'registration_required') {
        throw new RelayError('This relay needs its registration token: enter it under "Relay registration token", then Connect.', res.status);
      }
      throw new RelayError(err.success ? `${err.data.error}: ${err.data.message}` : `Relay answered HTTP ${res.status}`, res.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new RelayError(`Malformed relay answer on ${path}`);
    return parsed.data;
  }

  return {
    /** `publicKey`: events are sealed to it; `registrationToken`: for relays that require one. */
    register: (label: string, publicKey?: string, registrationToken?: string) =>
      call(relayPaths.channels(), ChannelCredentials, { method: 'POST', body: JSON.stringify({ label, publicKey }) }, registrationToken),
    info: (channelId: string) => call(relayPaths.channel(channelId), ChannelInfo),
    rotate: (channelId: string, publicKey?: string) =>
      call(relayPaths.rotate(channelId), ChannelCredentials, { method: 'POST', body: JSON.stringify({ publicKey }) }),
    events: (channelId: string, after: number, limit = 100) =>
      call(`${relayPaths.events(channelId)}?after=${after}&limit=${limit}`, EventsPage),
    ack: (channelId: string, cursor: number) =>
      call(relayPaths.ack(channelId), AckResult, { method: 'POST', body: JSON.stringify({ cursor }) }),
    async remove(channelId: string): Promise<void> {
      if (cleartext) throw new RelayError(cleartext);
      await fetchFn(new URL(relayPaths.channel(channelId), baseUrl).href, {
        method: 'DELETE',
        headers: secret ? { authorization: `Bearer ${secret}` } : {},
      });
    },
  };
}
