import { useEffect, useState } from 'preact/hooks';
import type { ProviderId } from '@@/shared/schemas/job';
import type { PromptSpec } from '@/lib/providers/descriptor';
import { lastTargets, rememberTargets } from '@/lib/ui/last-targets';

export interface PromptFormProps {
  provider: ProviderId;
  spec: PromptSpec;
  busy: boolean;
  /** Resolves true when the prompt was queued (the prompt then clears). */
  onAsk: (prompt: string, targets: string[]) => Promise<boolean>;
}

/** A provider that takes prompts: one prompt asked to each ticked target (one job per target). */
export function PromptForm({ provider, spec, busy, onAsk }: PromptFormProps) {
  const [prompt, setPrompt] = useState('');
  // Until storage answers, the default is ticked: the form never shows with nothing ticked.
  const [targets, setTargets] = useState<string[]>([spec.defaultTarget]);

  useEffect(() => {
    let current = true;
    void lastTargets(provider, spec).then((last) => current && setTargets(last));
    return () => {
      current = false;
    };
  }, [provider, spec]);

  const toggle = (id: string, on: boolean) => setTargets((now) => (on ? [...now, id] : now.filter((t) => t !== id)));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onAsk(prompt, targets)) {
      setPrompt('');
      void rememberTargets(provider, targets);
    }
  };

  return (
    <form class="prompt-form" onSubmit={submit}>
      <label class="field">
        Prompt
        <textarea rows={3} maxLength={spec.maxLength} value={prompt} onInput={(e) => setPrompt(e.currentTarget.value)} />
      </label>
      <fieldset class="scrapers">
        <legend>{spec.targetsLabel}</legend>
        {Object.entries(spec.targets).map(([id, name]) => (
          <label class="check" key={id}>
            <input type="checkbox" checked={targets.includes(id)} onChange={(e) => toggle(id, e.currentTarget.checked)} />
            {name}
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
