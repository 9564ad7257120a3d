import { browser } from 'wxt/browser';
import { z } from 'zod';

/**
 * The sites (hostnames) whose records the Rendered view shows with remote images, in their own
 * storage.local item. Off unless the user turned it on for that site.
 */
export const RenderPrefs = z.object({
  remoteImageHosts: z.array(z.string()).catch([]),
});
export type RenderPrefs = z.infer<typeof RenderPrefs>;

export const RENDER_PREFS_KEY = 'renderPrefs';

/** The site a record's remote-images choice is remembered under: its (final) URL's hostname; none for non-web URLs. */
export function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}

async function load(): Promise<RenderPrefs> {
  const stored: Record<string, unknown> = await browser.storage.local.get(RENDER_PREFS_KEY);
  const parsed = RenderPrefs.safeParse(stored[RENDER_PREFS_KEY] ?? {});
  return parsed.success ? parsed.data : { remoteImageHosts: [] };
}

export async function remoteImagesAllowed(site: string): Promise<boolean> {
  return (await load()).remoteImageHosts.includes(site);
}

export async function setRemoteImages(site: string, allowed: boolean): Promise<void> {
  const hosts = new Set((await load()).remoteImageHosts);
  if (allowed) hosts.add(site);
  else hosts.delete(site);
  await browser.storage.local.set({ [RENDER_PREFS_KEY]: RenderPrefs.parse({ remoteImageHosts: [...hosts].toSorted() }) });
}
