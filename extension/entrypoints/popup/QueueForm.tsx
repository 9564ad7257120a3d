import { useEffect, useState } from 'preact/hooks';
import { ProviderId } from '@@/shared/schemas/job';
import type { QueueResult } from '@/lib/messaging/protocol';
import { descriptor } from '@/lib/providers/registry';
import { loadSettings } from '@/lib/settings/settings';
import { ProviderOptions } from '@/lib/ui/ProviderOptions';
import { useServices } from '@/lib/ui/services';
import { DiscoveryForm } from './DiscoveryForm';
import { PromptForm } from './PromptForm';
import type { Report } from './QueueReport';
import { UrlForm } from './UrlForm';

export interface QueueFormProps {
  onReport: (report: Report) => void;
}

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Everything that creates jobs, shaped by the chosen provider's descriptor: a URL form for providers
 * that take URLs, a prompt form for those that take prompts, a keyword form for discovery.
 */
export function QueueForm({ onReport }: QueueFormProps) {
  const { send } = useServices();
  const [provider, setProvider] = useState<ProviderId>();
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

  /** Reports a form problem; resolves false like a failed queue. */
  const report = (message: string): Promise<boolean> => {
    onReport({ kind: 'error', message });
    return Promise.resolve(false);
  };

  const d = provider ? descriptor(provider) : undefined;
  const takes = (kind: 'urls' | 'prompt' | 'discover') => d?.capabilities.inputKinds.includes(kind) ?? false;

  return (
    <section class="queue" aria-label="New jobs">
      <label class="field">
        Provider
        <select value={provider ?? ''} disabled={!provider} onChange={(e) => setProvider(ProviderId.parse(e.currentTarget.value))}>
          <ProviderOptions />
        </select>
      </label>
      {d && takes('urls') && <UrlForm provider={d} busy={busy} run={run} onReport={onReport} />}
      {d?.prompt && (
        <PromptForm
          provider={d.id}
          spec={d.prompt}
          busy={busy}
          onAsk={(prompt, targets) => {
            if (!prompt.trim()) return report('Type a prompt first.');
            if (!targets.length) return report(`Choose at least one of the ${d.prompt?.targetsLabel.toLowerCase() ?? 'targets'}.`);
            return run(() => send('queuePrompt', { prompt: prompt.trim(), scrapers: targets, provider: d.id }));
          }}
        />
      )}
      {d?.discovery && (
        <DiscoveryForm
          label={d.discovery.label}
          busy={busy}
          onDiscover={(keyword) => {
            if (!keyword.trim()) return report('Type a discovery keyword first.');
            return run(() => send('queueDiscovery', { keyword: keyword.trim(), provider: d.id }));
          }}
        />
      )}
    </section>
  );
}
