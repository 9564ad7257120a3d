import type { ProviderDescriptor } from '@/lib/providers/descriptor';
import type { ExtraValues } from './queue-options';

export interface ProviderExtrasProps {
  provider: ProviderDescriptor;
  values: ExtraValues;
  onChange: (key: string, value: string | boolean) => void;
}

/** The chosen provider's own options for queued URLs, as its descriptor lists them. */
export function ProviderExtras({ provider, values, onChange }: ProviderExtrasProps) {
  if (provider.popupExtras.length === 0) return null;
  return (
    <div class="extras">
      {provider.popupExtras.map((extra) =>
        extra.kind === 'checkbox' ? (
          <label class="check" key={extra.key}>
            <input type="checkbox" checked={values[extra.key] === true} onChange={(e) => onChange(extra.key, e.currentTarget.checked)} />
            {extra.label}
          </label>
        ) : (
          <label class={extra.kind === 'number' ? 'field extras-narrow' : 'field'} key={extra.key}>
            {extra.label}
            <input
              type="text"
              inputMode={extra.kind === 'number' ? 'decimal' : undefined}
              placeholder={extra.placeholder}
              maxLength={extra.kind === 'text' ? extra.maxLength : undefined}
              value={typeof values[extra.key] === 'string' ? String(values[extra.key]) : ''}
              onInput={(e) => onChange(extra.key, e.currentTarget.value)}
            />
          </label>
        ),
      )}
    </div>
  );
}
