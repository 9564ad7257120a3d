import { useState } from 'preact/hooks';
import { archiveDb } from '@/lib/archive/ui/use-archive-db';
import { readSpend } from '@/lib/costs/ledger';
import { spendText } from '@/lib/costs/spend-text';
import type { ProviderDescriptor } from '@/lib/providers/descriptor';
import { PROVIDERS } from '@/lib/providers/registry';
import { providerSettings, type Settings } from '@/lib/settings/settings';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { budgetInput } from './validate';

export interface SpendSectionProps {
  settings: Settings;
  save: (update: (current: Settings) => Settings) => Promise<boolean>;
}

/** Providers billed per request: those with an API key (This browser costs nothing). */
const BILLED = PROVIDERS.filter((d) => d.needsKey);
const BILLED_IDS = BILLED.map((d) => d.id);

/**
 * Options "Spend": per provider, credits today and this month (the cost ledger's totals, read live so a
 * finished job shows at once) and an optional monthly budget that holds new submits at the cap.
 */
export function SpendSection({ settings, save }: SpendSectionProps) {
  // Two keyed reads per provider; re-run whenever the background records a cost.
  const spend = useLiveQuery(() => readSpend(archiveDb(), BILLED_IDS, Date.now()), []);
  return (
    <section class="card" aria-labelledby="spend-heading">
      <h2 id="spend-heading">Spend</h2>
      <p class="muted">
        Credits as each provider reports them per finished job, in this browser’s calendar. At a monthly budget new jobs wait (running ones
        finish) until you raise it or the month turns.
      </p>
      {BILLED.map((d) => {
        const own = spend?.get(d.id);
        return (
          <div key={d.id} class="spend-row" role="group" aria-label={`${d.label} spend`}>
            <strong>{d.label}</strong>
            <dl class="key-details">
              <div>
                <dt>Today</dt>
                <dd>{own ? spendText(own.today) : '…'}</dd>
              </div>
              <div>
                <dt>This month</dt>
                <dd>{own ? spendText(own.month) : '…'}</dd>
              </div>
            </dl>
            <BudgetField provider={d} settings={settings} save={save} />
          </div>
        );
      })}
    </section>
  );
}

/** Saved when committed (change/blur); invalid input is explained and nothing is saved. */
function BudgetField({ provider, settings, save }: SpendSectionProps & { provider: ProviderDescriptor }) {
  const stored = providerSettings(settings, provider.id).monthlyBudget;
  const [draft, setDraft] = useState<string>();
  const [error, setError] = useState<string>();
  const id = `${provider.id}-budget`;

  const commit = async (raw: string) => {
    const checked = budgetInput(raw);
    if ('error' in checked) return setError(checked.error);
    setError(undefined);
    const monthlyBudget = checked.value;
    const saved = await save((s) => ({ ...s, providers: { ...s.providers, [provider.id]: { ...providerSettings(s, provider.id), monthlyBudget } } }));
    if (saved) setDraft(undefined);
  };

  return (
    <div class="field">
      <label for={id}>{provider.label} monthly budget (credits)</label>
      <input
        id={id}
        class="number"
        type="text"
        inputMode="decimal"
        placeholder="No budget"
        value={draft ?? (stored === undefined ? '' : String(stored))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={(e) => void commit(e.currentTarget.value)}
      />
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}
