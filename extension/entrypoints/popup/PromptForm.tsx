import { useState } from 'preact/hooks';
import { ScrapeLlmScraper } from '@@/shared/schemas/job';
import { SCRAPER_LABELS } from '@/lib/ui/format';

export interface PromptFormProps {
  busy: boolean;
  /** Resolves true when the prompt was queued (the form then clears). */
  onAsk: (prompt: string, scrapers: ScrapeLlmScraper[]) => Promise<boolean>;
}

/** ScrapeLLM: one prompt asked to each checked assistant (one job per assistant). */
export function PromptForm({ busy, onAsk }: PromptFormProps) {
  const [prompt, setPrompt] = useState('');
  const [scrapers, setScrapers] = useState<ScrapeLlmScraper[]>([]);

  const toggle = (id: ScrapeLlmScraper, on: boolean) =>
    setScrapers((current) => (on ? [...current, id] : current.filter((s) => s !== id)));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onAsk(prompt, scrapers)) setPrompt('');
  };

  return (
    <form class="prompt-form" onSubmit={submit}>
      <label class="field">
        Prompt
        <textarea rows={2} maxLength={4000} value={prompt} onInput={(e) => setPrompt(e.currentTarget.value)} />
      </label>
      <fieldset class="scrapers">
        <legend>Scrapers</legend>
        {ScrapeLlmScraper.options.map((id) => (
          <label class="check" key={id}>
            <input type="checkbox" checked={scrapers.includes(id)} onChange={(e) => toggle(id, e.currentTarget.checked)} />
            {SCRAPER_LABELS[id]}
          </label>
        ))}
      </fieldset>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          Ask
        </button>
      </div>
    </form>
  );
}
