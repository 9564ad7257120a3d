/** The per-channel subscriber cap, over real WebSockets on 127.0.0.1. */
import { afterEach, describe, expect, it } from 'vitest';
import { RelayCloseCode } from '../../shared/relay-protocol';
import { defaultAppConfig } from '../config';
import { postHook, register, startRelay, streamUrl, TestSubscriber, within, type TestRelay } from '../testing/harness';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function relay(maxSubscribersPerChannel: number): Promise<TestRelay> {
  const r = await startRelay({ config: { ws: { ...defaultAppConfig.ws, maxSubscribersPerChannel } } });
  cleanups.push(() => r.close());
  return r;
}
async function subscribe(url: string, secret: string): Promise<TestSubscriber> {
  const s = new TestSubscriber(url, { headers: { authorization: `Bearer ${secret}` } });
  cleanups.push(() => s.close());
  await within(s.opened, 5_000, 'open');
  await s.next('ready');
  return s;
}

describe('subscriber cap per channel', () => {
  it('the default is 16', () => {
    expect(defaultAppConfig.ws.maxSubscribersPerChannel).toBe(16);
  });

  it('one subscriber over the cap closes the oldest with 4409; the others, and other channels, keep receiving', async () => {
    const r = await relay(16);
    const creds = await register(r.baseUrl);
    const other = await register(r.baseUrl);
    const url = streamUrl(r.baseUrl, creds.channelId);
    const first16: TestSubscriber[] = [];
    for (let i = 0; i < 16; i++) first16.push(await subscribe(url, creds.subscriberSecret));
    const elsewhere = await subscribe(streamUrl(r.baseUrl, other.channelId), other.subscriberSecret);
    expect(r.app.stats().subscribers).toBe(17);

    const seventeenth = await subscribe(url, creds.subscriberSecret);
    const closed = await within(first16[0]!.closed, 5_000, 'oldest closed');
    expect(closed).toEqual({ code: RelayCloseCode.replaced, reason: 'replaced by a newer connection' });
    expect(RelayCloseCode.replaced).toBe(4409);
    await r.logger.waitFor(/over 16 subscribers, closing the oldest \(4409\)/);
    await expect.poll(() => r.app.stats().subscribers, { timeout: 5_000 }).toBe(17);

    expect((await postHook(creds.webhookUrl, 'hello')).status).toBe(202);
    for (const s of [...first16.slice(1), seventeenth]) expect((await s.next('event')).event.cursor).toBeGreaterThan(0);
    expect(first16[0]!.messages.filter((m) => m.type === 'event')).toHaveLength(0);
    // The other channel's subscriber was not counted against this one.
    expect(elsewhere.ws.readyState).toBe(elsewhere.ws.OPEN);
  });

  it('honours a configured cap of 2: the third replaces the first, the fourth the second', async () => {
    const r = await relay(2);
    const creds = await register(r.baseUrl);
    const url = streamUrl(r.baseUrl, creds.channelId);
    const subs = [await subscribe(url, creds.subscriberSecret), await subscribe(url, creds.subscriberSecret)];
    subs.push(await subscribe(url, creds.subscriberSecret));
    expect((await within(subs[0]!.closed, 5_000, 'first closed')).code).toBe(4409);
    subs.push(await subscribe(url, creds.subscriberSecret));
    expect((await within(subs[1]!.closed, 5_000, 'second closed')).code).toBe(4409);
    expect(subs[2]!.ws.readyState).toBe(subs[2]!.ws.OPEN);
    expect(subs[3]!.ws.readyState).toBe(subs[3]!.ws.OPEN);
  });
});
