import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { pickTargetTab, startPicking } from '@/lib/picker/client';
import { requestHostAccess } from '@/lib/permissions/host-access';
import type { PickerControl, PickResult } from '@/lib/ui/recipes/RecipeEditor';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** "Pick on page" for the recipe editor: runs the picker in the user's current tab. */
export function usePicker(): PickerControl {
  const [message, setMessage] = useState('');
  const [active, setActive] = useState(false);
  const stopRef = useRef<(() => void) | undefined>(undefined);
  useEffect(() => () => stopRef.current?.(), []);

  const start = (rowSelector: string, onResult: (r: PickResult) => void) => {
    // permissions.request needs this click's user gesture: start it before anything is awaited.
    const tabPromise = pickTargetTab();
    void (async () => {
      try {
        const tab = await tabPromise;
        if (!tab?.id || !tab.url) throw new Error('Open the page to pick from in a tab first.');
        if (!(await requestHostAccess(tab.url))) throw new Error(`No access to ${new URL(tab.url).host}.`);
        setActive(true);
        setMessage(`Picking on ${tab.title || tab.url}: click an element, then “Use as rows” or “Use as field” (Esc cancels).`);
        if (!tab.active) await browser.tabs.update(tab.id, { active: true }).catch(() => undefined);
        stopRef.current = await startPicking(tab.id, rowSelector, {
          onState: (selector, count) => setMessage(`${count} similar element${count === 1 ? '' : 's'} highlighted: ${selector}`),
          onPicked: (picked) => {
            stopRef.current = undefined;
            setActive(false);
            setMessage(`Picked ${picked.selector} (${picked.count} on the page)`);
            onResult({ use: picked.use, selector: picked.selector, count: picked.count, name: picked.name, kind: picked.kind });
          },
          onEnd: (reason) => {
            stopRef.current = undefined;
            setActive(false);
            setMessage(reason === 'cancel' ? 'Picking canceled.' : 'The page was closed or reloaded; picking stopped.');
          },
        });
      } catch (e) {
        setActive(false);
        setMessage(`Cannot pick on this page: ${errorText(e)}`);
      }
    })();
  };

  return { message, active, start, cancel: () => stopRef.current?.() };
}
