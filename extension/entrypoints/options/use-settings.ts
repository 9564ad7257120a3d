import { useEffect, useState } from 'preact/hooks';
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

  const save = async (update: (current: Settings) => Settings): Promise<boolean> => {
    setSaveState({ kind: 'saving' });
    try {
      setSettings(await saveSettings(update));
      setSaveState({ kind: 'saved' });
      return true;
    } catch (e) {
      setSaveState({ kind: 'error', message: `Not saved: ${e instanceof Error ? e.message : String(e)}` });
      return false;
    }
  };

  return { settings, saveState, save };
}
