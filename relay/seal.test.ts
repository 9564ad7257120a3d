/** Relay seals (node:crypto), the extension opens (WebCrypto, extension/lib/relay/unseal.ts): the two must agree. */
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../extension/lib/relay/base64';
import { relayKeyId } from '../extension/lib/relay/keys';
import { unsealEvent, UnsealError } from '../extension/lib/relay/unseal';
import { SEAL_ALG, type RelayEvent } from '../shared/relay-protocol';
import { isValidPublicKey, keyId, sealEvent } from './seal';

async function subscriberKey() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64Url(raw), kid: await relayKeyId(raw) };
}

function sealedWire(publicKey: string, channelId: string, eventId: string, headers: Record<string, string>, body: Buffer): RelayEvent {
  const { seal, ciphertext } = sealEvent(publicKey, { channelId, eventId }, headers, body);
  return { id: eventId, cursor: 7, receivedAt: 1, headers: {}, query: 'p=scrapedo', bodyBase64: ciphertext.toString('base64'), sealed: { alg: SEAL_ALG, ...seal } };
}

describe('sealed events', () => {
  it('the extension opens what the relay sealed: headers and raw body bytes come back', async () => {
    const key = await subscriberKey();
    expect(keyId(key.publicKey)).toBe(key.kid);
    const body = Buffer.concat([Buffer.from('{"token":"s3cr3t"}'), Buffer.from([0, 255, 0x1f, 0x8b])]);
    const headers = { 'content-type': 'application/json', 'x-signature': 'abc' };
    const wire = sealedWire(key.publicKey, 'ch1', 'ev1', headers, body);
    expect(Buffer.from(wire.bodyBase64, 'base64').includes('s3cr3t')).toBe(false);
    const opened = await unsealEvent(wire, 'ch1', async (kid) => (kid === key.kid ? key.privateKey : undefined));
    expect(opened.headers).toEqual(headers);
    expect(Buffer.from(opened.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(opened.sealed).toBeUndefined();
    expect(opened).toMatchObject({ id: 'ev1', cursor: 7, query: 'p=scrapedo' });
  });

  it('refuses a missing key, another key, another channel or event id, and a tampered ciphertext', async () => {
    const key = await subscriberKey();
    const other = await subscriberKey();
    const wire = sealedWire(key.publicKey, 'ch1', 'ev1', {}, Buffer.from('hello'));
    await expect(unsealEvent(wire, 'ch1', async () => undefined)).rejects.toThrow(UnsealError);
    await expect(unsealEvent(wire, 'ch1', async () => other.privateKey)).rejects.toThrow(UnsealError);
    await expect(unsealEvent(wire, 'ch2', async () => key.privateKey)).rejects.toThrow(UnsealError);
    await expect(unsealEvent({ ...wire, id: 'ev2' }, 'ch1', async () => key.privateKey)).rejects.toThrow(UnsealError);
    const bytes = Buffer.from(wire.bodyBase64, 'base64');
    bytes[0]! ^= 1;
    await expect(unsealEvent({ ...wire, bodyBase64: bytes.toString('base64') }, 'ch1', async () => key.privateKey)).rejects.toThrow(UnsealError);
    // An unsealed event (old relay) passes through untouched.
    const plain: RelayEvent = { cursor: 1, receivedAt: 1, headers: { a: 'b' }, query: '', bodyBase64: 'aGk=' };
    expect(await unsealEvent(plain, 'ch1', async () => undefined)).toBe(plain);
  });

  it('accepts only raw P-256 points on the curve as public keys', async () => {
    const key = await subscriberKey();
    expect(isValidPublicKey(key.publicKey)).toBe(true);
    const raw = Buffer.from(key.publicKey, 'base64url');
    raw[64]! ^= 1; // off the curve
    expect(isValidPublicKey(raw.toString('base64url'))).toBe(false);
    expect(isValidPublicKey('short')).toBe(false);
    expect(isValidPublicKey(Buffer.alloc(65, 4).toString('base64url'))).toBe(false);
  });
});
