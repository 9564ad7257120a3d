import { PROVIDERS, providersWith } from '@/lib/providers/registry';
import { CollectionsSection } from './CollectionsSection';
import { GeneralSection } from './GeneralSection';
import { MonitorsSection } from './MonitorsSection';
import { ProviderFieldset } from './ProviderFieldset';
import { RecipesSection } from './RecipesSection';
import { RelaySection } from './RelaySection';
import { SpendSection } from './SpendSection';
import { StorageSection } from './StorageSection';
import { useSettings } from './use-settings';

export function App() {
  const { settings, saveState, save } = useSettings();
  return (
    <main class="options">
      <header class="options-head">
        <h1>Scrape Queue settings</h1>
        <p role="status" class={saveState.kind === 'error' ? 'error' : 'muted'}>
          {saveState.kind === 'saving' ? 'Saving…' : saveState.kind === 'saved' ? 'Saved' : saveState.kind === 'error' ? saveState.message : ''}
        </p>
      </header>
      {!settings ? (
        <p class="muted">Loading…</p>
      ) : (
        <>
          <GeneralSection settings={settings} save={save} />
          <section class="card" aria-labelledby="providers-heading">
            <h2 id="providers-heading">Providers</h2>
            <p class="muted">Keys stay in this browser’s extension storage and are sent only to the provider’s API base URL.</p>
            {PROVIDERS.filter((d) => d.needsKey).map((d) => (
              <ProviderFieldset key={d.id} provider={d} settings={settings} save={save} />
            ))}
          </section>
          <SpendSection settings={settings} save={save} />
          {providersWith((d) => d.capabilities.collections === true).map((d) => (
            <CollectionsSection key={d.id} provider={d} />
          ))}
          <RelaySection />
          <MonitorsSection />
          <StorageSection />
          <RecipesSection />
        </>
      )}
    </main>
  );
}
