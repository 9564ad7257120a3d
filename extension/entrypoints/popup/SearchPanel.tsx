import { useEffect, useState } from 'preact/hooks';
import { ProviderId } from '@@/shared/schemas/job';
import type { SearchAnswer } from '@/lib/search/search-service';
import { providerName } from '@/lib/archive/ui/provider-name';
import { archiveDb } from '@/lib/archive/ui/use-archive-db';
import { ProviderOptions } from '@/lib/ui/ProviderOptions';
import { countLabel, formatTime } from '@/lib/ui/format';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useServices } from '@/lib/ui/services';

const DAY = 86_400_000;
const SINCE: readonly { label: string; ms?: number }[] = [
  { label: 'Any time' },
  { label: 'Past day', ms: DAY },
  { label: 'Past week', ms: 7 * DAY },
  { label: 'Past month', ms: 30 * DAY },
  { label: 'Past year', ms: 365 * DAY },
];
const DELAY_MS = 150;

export interface SearchPanelProps {
  onOpen: (jobId: string) => void;
}

/** "Search results": full-text search over every cached result, best match first. */
export function SearchPanel({ onOpen }: SearchPanelProps) {
  const { send } = useServices();
  const [typed, setTyped] = useState('');
  const [provider, setProvider] = useState<ProviderId>();
  const [since, setSince] = useState(0);
  const [answer, setAnswer] = useState<{ query: string; result?: SearchAnswer; error?: string }>();
  const progress = useLiveQuery(async () => (await archiveDb().searchMeta.get('progress')) ?? null, []);

  useEffect(() => {
    // Asking for persistent storage here too: the popup is what users open most.
    void navigator.storage?.persist?.().catch(() => false);
  }, []);

  useEffect(() => {
    const query = typed.trim();
    if (!query) {
      setAnswer(undefined);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      const ms = SINCE[since]?.ms;
      send('searchResults', { query, provider, since: ms === undefined ? undefined : Date.now() - ms }).then(
        (result) => current && setAnswer({ query, result }),
        (e: unknown) => current && setAnswer({ query, error: e instanceof Error ? e.message : String(e) }),
      );
    }, DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed, provider, since, send]);

  const building = progress?.key === 'progress' && progress.running;
  return (
    <section class="search" aria-label="Search">
      <div class="row search-row">
        <input
          class="grow"
          type="search"
          aria-label="Search results"
          placeholder="Search results"
          value={typed}
          onFocus={() => void send('searchResults', { query: '' }).catch(() => undefined)}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <select
          aria-label="Search provider"
          value={provider ?? ''}
          onChange={(e) => setProvider(e.currentTarget.value ? ProviderId.parse(e.currentTarget.value) : undefined)}
        >
          <option value="">All providers</option>
          <ProviderOptions />
        </select>
        <select aria-label="Search date" value={String(since)} onChange={(e) => setSince(Number(e.currentTarget.value))}>
          {SINCE.map((s, i) => (
            <option key={s.label} value={String(i)}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <p class="muted search-note" aria-live="polite">
        {building && progress.key === 'progress'
          ? `Building the search index… ${progress.done.toLocaleString('en-US')} / ${progress.total.toLocaleString('en-US')}`
          : answer?.error
            ? answer.error
            : answer?.result
              ? answer.result.total === 0
                ? `No results for “${answer.query}”`
                : countLabel(answer.result.total, 'result')
              : ''}
      </p>
      {answer?.result && answer.result.hits.length > 0 && (
        <ol class="search-hits" aria-label="Search hits">
          {answer.result.hits.map((hit) => (
            <li key={`${hit.jobId}#${hit.recordIndex}`} class="search-hit">
              <button type="button" class="link-button" aria-label={`Open ${hit.title}`} onClick={() => onOpen(hit.jobId)}>
                {hit.title}
              </button>
              <div class="muted search-meta">
                <span class="search-url">{hit.url}</span> · {providerName(hit.provider)} · {formatTime(hit.at)}
              </div>
              <p class="search-snippet">
                {hit.snippet.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : part.text))}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
