import { useEffect, useRef, useState } from 'preact/hooks';
import { loadSettings, onSettingsChanged, saveSettings, type Settings } from '@/lib/settings/settings';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** Settings as stored (kept current across tabs) and a save that reports "Saving…"/"Saved". */
export function useSettings() {
  const [settings, setSettings] = useState<Settings>();
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });

  useEffect(() => {
    void loadSettings().then(setSettings);
    return onSettingsChanged(setSettings);
  }, []);

  // saveSettings reads then writes; two saves in flight (a blur, then a quick click elsewhere) would
  // let the second overwrite the first with stale values, so saves from this page run one at a time.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const save = (update: (current: Settings) => Settings): Promise<boolean> => {
    setSaveState({ kind: 'saving' });
    const run = async (): Promise<boolean> => {
      try {
        setSettings(await saveSettings(update));
        setSaveState({ kind: 'saved' });
        return true;
      } catch (e) {
        setSaveState({ kind: 'error', message: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
        return false;
      }
    };
    const result = queue.current.then(run);
    queue.current = result;
    return result;
  };

  return { settings, saveState, save };
}
