import { PROVIDER_IDS, PROVIDERS } from '@/lib/providers/catalog';

/** The <option>s of every provider select, labelled as the user knows them. */
export function ProviderOptions() {
  return (
    <>
      {PROVIDER_IDS.map((id) => (
        <option key={id} value={id}>
          {PROVIDERS[id].label}
        </option>
      ))}
    </>
  );
}
