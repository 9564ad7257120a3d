import { PROVIDER_IDS, PROVIDERS } from '@/lib/providers/catalog';
import { CollectionsSection } from './CollectionsSection';
import { GeneralSection } from './GeneralSection';
import { MonitorsSection } from './MonitorsSection';
import { ProviderFieldset } from './ProviderFieldset';
import { RelaySection } from './RelaySection';
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
            {PROVIDER_IDS.filter((id) => PROVIDERS[id].needsKey).map((id) => (
              <ProviderFieldset key={id} provider={PROVIDERS[id]} settings={settings} save={save} />
            ))}
          </section>
          <CollectionsSection />
          <RelaySection />
          <MonitorsSection />
          <StorageSection />
        </>
      )}
    </main>
  );
}
