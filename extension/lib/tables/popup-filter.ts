import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { JobStatus } from '@@/shared/schemas/job';

/** storage.session key: the popup's current job filter, so the Table tab can export "every job matching it". */
const KEY = 'popup.filter';

export const PopupFilter = z.object({ status: JobStatus.optional(), text: z.string().optional() });
export type PopupFilter = z.infer<typeof PopupFilter>;

/** Popup side: keeps the stored filter equal to what the job list shows. */
export function usePublishedFilter(filter: PopupFilter): void {
  useEffect(() => {
    void browser.storage.session.set({ [KEY]: filter }).catch(() => undefined);
  }, [filter.status, filter.text]);
}

/** Table tab side: the popup's filter as last shown (nothing stored = no filter). */
export async function readPopupFilter(): Promise<PopupFilter> {
  const raw: unknown = (await browser.storage.session.get(KEY))[KEY];
  const parsed = PopupFilter.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

export function describeFilter(filter: PopupFilter): string {
  const parts = [filter.status, filter.text && `“${filter.text}”`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'all jobs';
}
