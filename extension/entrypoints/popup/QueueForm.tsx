import { useEffect, useState } from 'preact/hooks';
import { ProviderId, type ScrapeLlmScraper } from '@@/shared/schemas/job';
import type { QueueResult } from '@/lib/messaging/protocol';
import { loadSettings } from '@/lib/settings/settings';
import { countLabel } from '@/lib/ui/format';
import { ProviderOptions } from '@/lib/ui/ProviderOptions';
import { useServices } from '@/lib/ui/services';
import { readsPagesInBrowser, requestPageAccess } from '@/lib/permissions/host-access';
import { textFromUrlFile } from '@/lib/ui/url-file';
import { extractUrls } from '@/lib/urls/extract';
import { DiscoveryForm } from './DiscoveryForm';
import { PromptForm } from './PromptForm';
import { ProviderExtras } from './ProviderExtras';
import type { Report } from './QueueReport';
import { EMPTY_EXTRAS, queueOptions, type QueueExtras } from './queue-options';
import { targetTabId } from '@/lib/tabs/target-tab';

export interface QueueFormProps {
  onReport: (report: Report) => void;
}

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Everything that creates jobs: pasted or imported URLs, the current tab, prompts, discovery. */
export function QueueForm({ onReport }: QueueFormProps) {
  const { send } = useServices();
  const [provider, setProvider] = useState<ProviderId>();
  const [text, setText] = useState('');
  const [extras, setExtras] = useState<QueueExtras>(EMPTY_EXTRAS);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadSettings().then((s) => setProvider((current) => current ?? s.defaultProvider));
  }, []);

  /** Sends one queue message and reports its outcome; true when at least one job was queued. */
  const run = async (action: () => Promise<QueueResult>): Promise<boolean> => {
    setBusy(true);
    try {
      const result = await action();
      onReport({ kind: 'queued', result });
      return result.queued > 0;
    } catch (e) {
      onReport({ kind: 'error', message: errorMessage(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const queue = async (e: Event) => {
    e.preventDefault();
    if (!provider) return;
    if (!text.trim()) return onReport({ kind: 'error', message: 'Paste or import at least one URL.' });
    const built = queueOptions(provider, extras);
    if ('error' in built) return onReport({ kind: 'error', message: built.error });
    // "This browser" fetches the pages itself: ask for their hosts now, while the click counts as a gesture,
    // and queue at once. Jobs on hosts not granted yet wait as "Waiting for access"; the worker resumes them
    // when the user allows access, however long the prompt stays open. A refusal leaves them waiting.
    const access = readsPagesInBrowser(provider) ? requestPageAccess(extractUrls(text).urls) : undefined;
    if (await run(() => send('queueUrls', { text, provider, options: built.options }))) setText('');
    if (access && !(await access)) {
      onReport({ kind: 'info', message: 'Access was not allowed: jobs on those sites wait. Press “Allow access” in a job to ask again.' });
    }
  };

  const scrapeTab = () => {
    if (!provider) return;
    void run(async () => send('scrapeTab', { tabId: await targetTabId(), provider }));
  };

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

  /** Reports a form problem; resolves false like a failed queue. */
  const report = (message: string): Promise<boolean> => {
    onReport({ kind: 'error', message });
    return Promise.resolve(false);
  };

  const ask = (prompt: string, scrapers: ScrapeLlmScraper[]) => {
    if (!prompt.trim()) return report('Type a prompt first.');
    if (!scrapers.length) return report('Choose at least one scraper.');
    return run(() => send('queuePrompt', { prompt: prompt.trim(), scrapers }));
  };

  const discover = (keyword: string) => {
    if (!keyword.trim()) return report('Type a discovery keyword first.');
    return run(() => send('queueDiscovery', { keyword: keyword.trim(), provider: 'brightdata' }));
  };

  return (
    <section class="queue" aria-label="New jobs">
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
        <div class="row">
          <label class="field grow">
            Provider
            <select value={provider ?? 'browser'} disabled={!provider} onChange={(e) => setProvider(ProviderId.parse(e.currentTarget.value))}>
              <ProviderOptions />
            </select>
          </label>
          <label class="file-button">
            Import URLs from file
            <input class="visually-hidden" type="file" accept=".txt,.csv,text/plain,text/csv" onChange={(e) => void importFile(e.currentTarget)} />
          </label>
        </div>
        {provider && <ProviderExtras provider={provider} extras={extras} onChange={(patch) => setExtras((x) => ({ ...x, ...patch }))} />}
        <div class="row">
          <button type="submit" class="primary" disabled={busy || !provider}>
            Queue
          </button>
          <button type="button" disabled={busy || !provider} onClick={scrapeTab}>
            Scrape current tab
          </button>
        </div>
      </form>
      {provider === 'scrapellm' && <PromptForm busy={busy} onAsk={ask} />}
      {provider === 'brightdata' && <DiscoveryForm busy={busy} onDiscover={discover} />}
    </section>
  );
}
