import { useState } from 'preact/hooks';

export interface DiscoveryFormProps {
  busy: boolean;
  /** Resolves true when the discovery job was queued (the keyword then clears). */
  onDiscover: (keyword: string) => Promise<boolean>;
}

/** Bright Data: queue a discovery job from a keyword instead of URLs. */
export function DiscoveryForm({ busy, onDiscover }: DiscoveryFormProps) {
  const [keyword, setKeyword] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await onDiscover(keyword)) setKeyword('');
  };
  return (
    <form class="row discovery-form" onSubmit={submit}>
      <label class="field grow">
        Discovery keyword
        <input type="text" value={keyword} onInput={(e) => setKeyword(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Discover
      </button>
    </form>
  );
}
