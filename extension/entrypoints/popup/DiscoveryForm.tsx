import { useState } from 'preact/hooks';

export interface DiscoveryFormProps {
  /** The keyword field's label (the provider's descriptor names it). */
  label: string;
  busy: boolean;
  /** Resolves true when the discovery job was queued (the keyword then clears). */
  onDiscover: (keyword: string) => Promise<boolean>;
}

/** Queue a discovery job from a keyword instead of URLs (providers that find the pages themselves). */
export function DiscoveryForm({ label, busy, onDiscover }: DiscoveryFormProps) {
  const [keyword, setKeyword] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onDiscover(keyword)) setKeyword('');
  };
  return (
    <form class="row discovery-form" onSubmit={submit}>
      <label class="field grow">
        {label}
        <input type="text" value={keyword} onInput={(e) => setKeyword(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Discover
      </button>
    </form>
  );
}
