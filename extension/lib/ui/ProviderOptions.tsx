import { PROVIDERS } from '@/lib/providers/registry';

/** The <option>s of every provider select, labelled as the user knows them. */
export function ProviderOptions() {
  return (
    <>
      {PROVIDERS.map((d) => (
        <option key={d.id} value={d.id}>
          {d.label}
        </option>
      ))}
    </>
  );
}
