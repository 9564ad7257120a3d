import { useState } from 'preact/hooks';
import { ProviderId } from '@@/shared/schemas/job';
import { providersWith } from '@/lib/providers/registry';
import { ProviderOptions } from '@/lib/ui/ProviderOptions';
import { providerSettings, type Settings } from '@/lib/settings/settings';
import { boundedNumber } from './validate';

export interface GeneralSectionProps {
  settings: Settings;
  save: (update: (current: Settings) => Settings) => Promise<boolean>;
}

export function GeneralSection({ settings, save }: GeneralSectionProps) {
  return (
    <section class="card" aria-labelledby="general-heading">
      <h2 id="general-heading">General</h2>
      <label class="field">
        Default provider
        <select
          value={settings.defaultProvider}
          onChange={(e) => {
            const defaultProvider = ProviderId.parse(e.currentTarget.value);
            void save((s) => ({ ...s, defaultProvider }));
          }}
        >
          <ProviderOptions />
        </select>
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.notifications}
          onChange={(e) => {
            const notifications = e.currentTarget.checked;
            void save((s) => ({ ...s, notifications }));
          }}
        />
        Notify when jobs finish
      </label>
      <NumberField
        id="poll-scale"
        label="Poll interval scale"
        hint="1 = each provider's own pace; 0.5 polls twice as often, 2 half as often."
        value={settings.pollIntervalScale}
        min={0.1}
        max={10}
        step={0.1}
        onSave={(pollIntervalScale) => save((s) => ({ ...s, pollIntervalScale }))}
      />
      {providersWith((d) => d.concurrencySetting !== undefined).map((d) => (
        <NumberField
          key={d.id}
          id={`${d.id}-concurrency`}
          label={d.concurrencySetting?.label ?? `Parallel requests (${d.label})`}
          value={providerSettings(settings, d.id).concurrency ?? d.pollPlan.concurrency}
          min={d.concurrencySetting?.min ?? 1}
          max={d.concurrencySetting?.max ?? 16}
          step={1}
          integer
          onSave={(concurrency) =>
            save((s) => ({ ...s, providers: { ...s.providers, [d.id]: { ...providerSettings(s, d.id), concurrency } } }))
          }
        />
      ))}
    </section>
  );
}

interface NumberFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: number;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  onSave: (value: number) => Promise<boolean>;
}

/** A bounded number saved when committed (change/blur); out-of-range input is explained, not saved. */
function NumberField({ id, label, hint, value, min, max, step, integer = false, onSave }: NumberFieldProps) {
  const [draft, setDraft] = useState<string>();
  const [error, setError] = useState<string>();
  const commit = async (raw: string) => {
    const checked = boundedNumber(raw, min, max, integer);
    if ('error' in checked) return setError(checked.error);
    setError(undefined);
    if (await onSave(checked.value)) setDraft(undefined);
  };
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        class="number"
        type="number"
        min={min}
        max={max}
        step={step}
        value={draft ?? String(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={(e) => void commit(e.currentTarget.value)}
      />
      {hint && (
        <small id={`${id}-hint`} class="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}
