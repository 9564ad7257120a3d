import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import type { KeyCheck } from '@/lib/providers/types';
import type { ProviderInfo } from '@/lib/providers/catalog';
import { providerSettings, type ProviderSettings, type Settings } from '@/lib/settings/settings';
import { useServices } from '@/lib/ui/services';
import { requestHostAccess } from '@/lib/permissions/host-access';
import { baseUrlError } from './validate';

export interface ProviderFieldsetProps {
  provider: ProviderInfo;
  settings: Settings;
  save: (update: (current: Settings) => Settings) => Promise<boolean>;
}

type CheckState = { kind: 'idle' } | { kind: 'checking' } | { kind: 'done'; check: KeyCheck } | { kind: 'error'; message: string };

/**
 * One provider's key, base URL and extra fields. Text fields are saved when committed (change/blur);
 * the key check saves first so the background checks what is on screen.
 */
export function ProviderFieldset({ provider, settings, save }: ProviderFieldsetProps) {
  const { send } = useServices();
  const [draft, setDraft] = useState<ProviderSettings>(() => providerSettings(settings, provider.id));
  const [showKey, setShowKey] = useState(false);
  const [urlError, setUrlError] = useState<string>();
  const [check, setCheck] = useState<CheckState>({ kind: 'idle' });
  const { id, label } = provider;

  const persist = (next: ProviderSettings): Promise<boolean> => {
    const error = baseUrlError(next.baseUrl);
    setUrlError(error);
    if (error) return Promise.resolve(false);
    const cleaned = { ...next, apiKey: next.apiKey.trim(), baseUrl: next.baseUrl.trim() };
    return save((s) => ({ ...s, providers: { ...s.providers, [id]: cleaned } }));
  };

  const update = (patch: Partial<ProviderSettings>) => setDraft((d) => ({ ...d, ...patch }));

  const checkKey = async () => {
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
    value: draft.apiKey,
    onInput: (e: TargetedEvent<HTMLInputElement>) => update({ apiKey: e.currentTarget.value }),
    onChange: (e: TargetedEvent<HTMLInputElement>) => void persist({ ...draft, apiKey: e.currentTarget.value }),
  };
  return (
    <fieldset class="provider">
      <legend>{label}</legend>
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
          placeholder={provider.defaultBaseUrl}
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
      {Object.entries(provider.extraFields).map(([key, extraLabel]) => (
        <div class="field" key={key}>
          <label for={fieldId(`extra-${key}`)}>{extraLabel}</label>
          <input
            id={fieldId(`extra-${key}`)}
            type="text"
            value={draft.extra[key] ?? ''}
            onInput={(e) => update({ extra: { ...draft.extra, [key]: e.currentTarget.value } })}
            onChange={(e) => void persist({ ...draft, extra: { ...draft.extra, [key]: e.currentTarget.value.trim() } })}
          />
        </div>
      ))}
      <div class="row">
        <button type="button" onClick={() => void checkKey()} disabled={check.kind === 'checking'}>
          Check {label} key
        </button>
        <div role="status" class="key-check">
          <KeyCheckResult state={check} />
        </div>
      </div>
    </fieldset>
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
