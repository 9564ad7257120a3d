import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RENDER_PREFS_KEY, remoteImagesAllowed, setRemoteImages, siteOf } from './remote-images';

describe('remote images per site', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is off for every site until turned on, and remembered per hostname', async () => {
    expect(await remoteImagesAllowed('shop.test')).toBe(false);
    await setRemoteImages('shop.test', true);
    expect(await remoteImagesAllowed('shop.test')).toBe(true);
    expect(await remoteImagesAllowed('other.test')).toBe(false);
    expect(await fakeBrowser.storage.local.get(RENDER_PREFS_KEY)).toEqual({ [RENDER_PREFS_KEY]: { remoteImageHosts: ['shop.test'] } });
    await setRemoteImages('shop.test', false);
    expect(await remoteImagesAllowed('shop.test')).toBe(false);
  });

  it('reads a damaged stored value as "nothing allowed"', async () => {
    await fakeBrowser.storage.local.set({ [RENDER_PREFS_KEY]: { remoteImageHosts: 'shop.test' } });
    expect(await remoteImagesAllowed('shop.test')).toBe(false);
    await fakeBrowser.storage.local.set({ [RENDER_PREFS_KEY]: 42 });
    expect(await remoteImagesAllowed('shop.test')).toBe(false);
    await setRemoteImages('a.test', true);
    expect(await remoteImagesAllowed('a.test')).toBe(true);
  });
});

describe('siteOf', () => {
  it('is the hostname of web URLs only', () => {
    expect(siteOf('https://Shop.Test:8443/p?q=1')).toBe('shop.test');
    expect(siteOf('http://127.0.0.1:5000/x')).toBe('127.0.0.1');
    expect(siteOf('file:///etc/passwd')).toBeUndefined();
    expect(siteOf('not a url')).toBeUndefined();
    expect(siteOf(undefined)).toBeUndefined();
  });
});
