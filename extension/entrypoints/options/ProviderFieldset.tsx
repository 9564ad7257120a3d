import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import type { ProviderDescriptor } from '@/lib/providers/descriptor';
import type { KeyCheck } from '@/lib/providers/types';
import { providerSettings, type ProviderSettings, type Settings } from '@/lib/settings/settings';
import { useServices } from '@/lib/ui/services';
import { requestHostAccess } from '@/lib/permissions/host-access';
import { baseUrlError } from './validate';

export interface ProviderFieldsetProps {
  provider: ProviderDescriptor;
  settings: Settings;
  save: (update: (current: Settings) => Settings) => Promise<boolean>;
}

type CheckState = { kind: 'idle' } | { kind: 'checking' } | { kind: 'done'; check: KeyCheck } | { kind: 'error'; message: string };

/** The collapsed line's word on the key check. */
const checkSummary = (check: CheckState): string =>
  check.kind === 'checking' ? 'checking…' : check.kind === 'done' ? (check.check.ok ? 'key works' : 'key rejected') : check.kind === 'error' ? 'check failed' : 'not checked';

/**
 * One provider on one line (name, configured or not, key check) that opens on click to its key, base
 * URL and extra fields. Text fields are saved when committed (change/blur); the key check saves first
 * so the background checks what is on screen.
 */
export function ProviderFieldset({ provider, settings, save }: ProviderFieldsetProps) {
  const { send } = useServices();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ProviderSettings>(() => providerSettings(settings, provider.id));
  const [showKey, setShowKey] = useState(false);
  const [urlError, setUrlError] = useState<string>();
  const [check, setCheck] = useState<CheckState>({ kind: 'idle' });
  const { id, label } = provider;
  const configured = providerSettings(settings, id).apiKey.trim() !== '';

  const persist = (next: ProviderSettings): Promise<boolean> => {
    const error = baseUrlError(next.baseUrl);
    setUrlError(error);
    if (error) return Promise.resolve(false);
    const cleaned = { apiKey: next.apiKey.trim(), baseUrl: next.baseUrl.trim(), extra: next.extra };
    // Only this fieldset's fields: the others (budget in Spend, cap in General) keep their stored value.
    return save((s) => ({ ...s, providers: { ...s.providers, [id]: { ...providerSettings(s, id), ...cleaned } } }));
  };

  const update = (patch: Partial<ProviderSettings>) => setDraft((d) => ({ ...d, ...patch }));

  const checkKey = async () => {
    // An empty key never sends a request (the button is disabled too; this covers a quick clear-and-click).
    if (!draft.apiKey.trim()) return setCheck({ kind: 'error', message: 'Enter a key first.' });
    // Ask for the provider's host while the click still counts as a user gesture (permissions.request needs one).
    const granted = requestHostAccess(draft.baseUrl.trim() || provider.defaultBaseUrl);
    setCheck({ kind: 'checking' });
    await granted;
    if (!(await persist(draft))) return setCheck({ kind: 'error', message: 'Fix the fields above first.' });
    try {
      setCheck({ kind: 'done', check: await send('checkKey', { provider: id }) });
    } catch (e) {
      setCheck({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const fieldId = (name: string) => `${id}-${name}`;
  // Same props for the hidden (password) and shown (text) key input; only the type differs.
  const keyInput = {
    id: fieldId('key'),
    class: 'grow',
    autocomplete: 'off',
    spellcheck: false,
    placeholder: provider.keyPlaceholder ?? `Your ${label} API key`,
    value: draft.apiKey,
    onInput: (e: TargetedEvent<HTMLInputElement>) => update({ apiKey: e.currentTarget.value }),
    onChange: (e: TargetedEvent<HTMLInputElement>) => void persist({ ...draft, apiKey: e.currentTarget.value }),
  };
  return (
    <div class="provider-row">
      <div class="provider-line">
        <button type="button" class="disclosure" aria-expanded={open} aria-controls={fieldId('settings')} onClick={() => setOpen((o) => !o)}>
          {/* The mark is decoration: the button's name stays the provider's label, its state is aria-expanded. */}
          <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
          {label}
        </button>
        <span class={configured ? 'ok' : 'muted'}>{configured ? 'configured' : 'not configured'}</span>
        <span class={check.kind === 'done' && !check.check.ok ? 'error' : 'muted'}>{checkSummary(check)}</span>
      </div>
      {open && (
        <fieldset class="provider" id={fieldId('settings')}>
          <legend class="visually-hidden">{label}</legend>
          <div class="field">
            <label for={fieldId('key')}>{label} API key</label>
            <div class="row nowrap">
              {showKey ? <input type="text" {...keyInput} /> : <input type="password" {...keyInput} />}
              {/* Named by its content, not aria-label: getByLabel('<Label> API key') then finds only the input. */}
              <button type="button" aria-pressed={showKey} onClick={() => setShowKey((v) => !v)}>
                Show<span class="visually-hidden"> {label} API key</span>
              </button>
            </div>
          </div>
          <div class="field">
            <label for={fieldId('base')}>{label} API base URL</label>
            <input
              id={fieldId('base')}
              type="url"
              placeholder={`Default: ${provider.defaultBaseUrl}`}
              value={draft.baseUrl}
              aria-invalid={urlError ? true : undefined}
              aria-describedby={urlError ? fieldId('base-error') : undefined}
              onInput={(e) => update({ baseUrl: e.currentTarget.value })}
              onChange={(e) => void persist({ ...draft, baseUrl: e.currentTarget.value })}
            />
            {urlError && (
              <small id={fieldId('base-error')} class="error">
                {urlError}
              </small>
            )}
          </div>
          {provider.settingsFields.map((field) => (
            <div class="field" key={field.key}>
              <label for={fieldId(`extra-${field.key}`)}>{field.label}</label>
              <input
                id={fieldId(`extra-${field.key}`)}
                type="text"
                placeholder={field.placeholder}
                value={draft.extra[field.key] ?? ''}
                onInput={(e) => update({ extra: { ...draft.extra, [field.key]: e.currentTarget.value } })}
                onChange={(e) => void persist({ ...draft, extra: { ...draft.extra, [field.key]: e.currentTarget.value.trim() } })}
              />
            </div>
          ))}
          <div class="row">
            <button type="button" onClick={() => void checkKey()} disabled={check.kind === 'checking' || !draft.apiKey.trim()}>
              Check {label} key
            </button>
            <div role="status" class="key-check">
              <KeyCheckResult state={check} />
            </div>
          </div>
        </fieldset>
      )}
    </div>
  );
}

function KeyCheckResult({ state }: { state: CheckState }) {
  if (state.kind === 'checking') return <span class="muted">Checking…</span>;
  if (state.kind === 'error') return <span class="error">{state.message}</span>;
  if (state.kind !== 'done') return null;
  const details = Object.entries(state.check.details ?? {});
  return (
    <>
      <span class={state.check.ok ? 'ok' : 'error'}>{state.check.message}</span>
      {details.length > 0 && (
        <dl class="key-details">
          {details.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'number' ? v.toLocaleString('en-US') : v}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
