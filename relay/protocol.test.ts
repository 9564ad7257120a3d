import { describe, expect, it } from 'vitest';
import { relayPaths, relayWsUrl, ServerMessage, wsProtocols } from '../shared/relay-protocol';

describe('relay-protocol helpers', () => {
  it.each([
    ['http://127.0.0.1:8787', 'ws://127.0.0.1:8787/v1/channels/abc/stream'],
    ['https://relay.example.com/', 'wss://relay.example.com/v1/channels/abc/stream'],
    ['https://example.com/relay', 'wss://example.com/relay/v1/channels/abc/stream'],
  ])('relayWsUrl(%s)', (base, expected) => {
    expect(relayWsUrl(base, 'abc')).toBe(expected);
  });

  it('adds ?after and builds the subprotocol list', () => {
    expect(relayWsUrl('http://h', 'c', 42)).toBe('ws://h/v1/channels/c/stream?after=42');
    expect(wsProtocols('s3cret')).toEqual(['scrape-queue.v1', 'bearer.s3cret']);
    expect(relayPaths.ack('a/b')).toBe('/v1/channels/a%2Fb/ack');
  });

  it('parses server messages and rejects unknown ones', () => {
    const event = { cursor: 1, receivedAt: 2, headers: {}, query: '', bodyBase64: '' };
    expect(ServerMessage.parse({ type: 'event', event })).toEqual({ type: 'event', event });
    expect(ServerMessage.safeParse({ type: 'nope' }).success).toBe(false);
    expect(ServerMessage.safeParse({ type: 'event', event: { ...event, cursor: -1 } }).success).toBe(false);
    const ready = { type: 'event-ready', cursor: 5, id: 'ev-5', size: 52_428_800 };
    expect(ServerMessage.parse(ready)).toEqual(ready);
    expect(ServerMessage.safeParse({ ...ready, size: -1 }).success).toBe(false);
    expect(ServerMessage.safeParse({ type: 'event-ready', cursor: 5, size: 1 }).success).toBe(false);
  });
});
