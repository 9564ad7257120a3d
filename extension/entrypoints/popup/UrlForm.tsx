import { useState } from 'preact/hooks';
import type { QueueResult } from '@/lib/messaging/protocol';
import { requestPageAccess } from '@/lib/permissions/host-access';
import type { ProviderDescriptor } from '@/lib/providers/descriptor';
import { countLabel } from '@/lib/ui/format';
import { useServices } from '@/lib/ui/services';
import { textFromUrlFile } from '@/lib/ui/url-file';
import { urlCandidates } from '@/lib/urls/extract';
import { ProviderExtras } from './ProviderExtras';
import { queueOptions, type ExtraValues } from './queue-options';
import type { Report } from './QueueReport';
import { targetTabId } from '@/lib/tabs/target-tab';

export interface UrlFormProps {
  provider: ProviderDescriptor;
  busy: boolean;
  run: (action: () => Promise<QueueResult>) => Promise<boolean>;
  onReport: (report: Report) => void;
}

/** Pasted or imported URLs, the provider's extras, and the current tab: for providers that take URLs. */
export function UrlForm({ provider, busy, run, onReport }: UrlFormProps) {
  const { send, pastes } = useServices();
  const [text, setText] = useState('');
  const [extras, setExtras] = useState<ExtraValues>({});

  const queue = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return onReport({ kind: 'error', message: 'Paste or import at least one URL.' });
    const built = queueOptions(provider, extras);
    if ('error' in built) return onReport({ kind: 'error', message: built.error });
    // The text goes to the worker through IndexedDB (see paste-handoff.ts), started first so the write, the
    // worker's extraction and this page's host list overlap.
    const queued = run(async () => send('queueUrls', { pasteId: await pastes.stage(text), provider: provider.id, options: built.options }));
    // A provider that fetches the pages itself needs their hosts: ask now, while the click counts as a gesture.
    // Jobs on hosts not granted yet wait as "Waiting for access"; the worker resumes them when the user allows
    // access, however long the prompt stays open. A refusal leaves them waiting. The hosts come from the
    // URL-like tokens (no per-URL parsing, which took longer than the whole queue for 50,000 URLs).
    const access = provider.capabilities.pageAccess ? requestPageAccess(urlCandidates(text)) : undefined;
    if (await queued) setText('');
    if (access && !(await access)) {
      onReport({ kind: 'info', message: 'Access was not allowed: jobs on those sites wait. Press “Allow access” in a job to ask again.' });
    }
  };

  const scrapeTab = () => void run(async () => send('scrapeTab', { tabId: await targetTabId(), provider: provider.id }));

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const imported = textFromUrlFile(file.name, await file.text()).trim();
    if (!imported) return onReport({ kind: 'error', message: `No URLs found in ${file.name}.` });
    setText((current) => (current.trim() ? `${current.trimEnd()}\n${imported}` : imported));
    const lines = imported.split(/\r?\n/).filter((l) => l.trim()).length;
    onReport({ kind: 'info', message: `Imported ${countLabel(lines, 'line')} from ${file.name}. Press Queue to queue them.` });
  };

  return (
    <form class="queue-form" onSubmit={queue}>
      <label class="field">
        URLs to scrape
        <textarea
          rows={3}
          placeholder="Paste URLs, a list, or any text with links"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <ProviderExtras provider={provider} values={extras} onChange={(key, value) => setExtras((x) => ({ ...x, [key]: value }))} />
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          Queue
        </button>
        <button type="button" disabled={busy} onClick={scrapeTab}>
          Scrape current tab
        </button>
        <label class="file-button">
          Import URLs from file
          <input class="visually-hidden" type="file" accept=".txt,.csv,text/plain,text/csv" onChange={(e) => void importFile(e.currentTarget)} />
        </label>
      </div>
    </form>
  );
}
