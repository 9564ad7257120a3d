import { useState } from 'preact/hooks';
import type { ProviderDescriptor } from '@/lib/providers/descriptor';
import type { CollectionSummary } from '@/lib/providers/types';
import { countLabel } from '@/lib/ui/format';
import { useServices } from '@/lib/ui/services';

type Outcome = { kind: 'idle' } | { kind: 'busy'; message: string } | { kind: 'ok'; message: string } | { kind: 'error'; message: string };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** What a collection is called on screen (and in its controls' names); a nameless one goes by its id. */
const shownName = (c: CollectionSummary) => c.name || c.id;

export interface CollectionsSectionProps {
  /** A provider with the `collections` capability. */
  provider: ProviderDescriptor;
}

/**
 * A provider's saved collections: list them on request, rename one, or run one again as a new job
 * (its URLs come from the local job that created it; see lib/jobs/collection-rerun.ts).
 */
export function CollectionsSection({ provider: { id: provider, label } }: CollectionsSectionProps) {
  const { send } = useServices();
  const [collections, setCollections] = useState<CollectionSummary[]>();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const busy = outcome.kind === 'busy';

  const act = async (pending: string, action: () => Promise<string>) => {
    setOutcome({ kind: 'busy', message: pending });
    try {
      setOutcome({ kind: 'ok', message: await action() });
    } catch (e) {
      setOutcome({ kind: 'error', message: errorText(e) });
    }
  };

  const reload = async () => {
    const list = await send('listCollections', { provider });
    setCollections(list);
    setDrafts(Object.fromEntries(list.map((c) => [c.id, c.name])));
    return list;
  };

  const load = () =>
    act('Loading collections…', async () => {
      const list = await reload();
      return list.length === 0 ? 'No saved collections' : `Loaded ${countLabel(list.length, 'collection')}`;
    });

  const rename = (e: Event, c: CollectionSummary) => {
    e.preventDefault();
    const name = (drafts[c.id] ?? '').trim();
    if (!name) return setOutcome({ kind: 'error', message: 'Enter a collection name first.' });
    void act(`Renaming ${shownName(c)}…`, async () => {
      const saved = await send('renameCollection', { provider, id: c.id, name });
      await reload();
      return `Renamed to ${saved.name}`;
    });
  };

  const rerun = (c: CollectionSummary) =>
    act(`Queuing ${shownName(c)}…`, async () => {
      const result = await send('rerunCollection', { provider, id: c.id });
      return `Queued ${countLabel(result.jobIds.length, 'job')} for ${countLabel(result.queued, 'URL')}`;
    });

  return (
    <section class="card" aria-labelledby={`${provider}-collections-heading`}>
      <h2 id={`${provider}-collections-heading`}>{label} collections</h2>
      <p class="muted">Collections saved on {label} with their key above. Running one again scrapes the same URLs as a new job.</p>
      <div class="row">
        <button type="button" disabled={busy} onClick={() => void load()}>
          Load {label} collections
        </button>
        <p role="status" class={`collections-status ${outcome.kind === 'error' ? 'error' : outcome.kind === 'ok' ? 'ok' : 'muted'}`}>
          {outcome.kind === 'idle' ? '' : outcome.message}
        </p>
      </div>
      {collections && collections.length > 0 && (
        <ul class="collections" aria-label={`${label} collections`}>
          {collections.map((c) => {
            const name = shownName(c);
            return (
              <li key={c.id} class="collection">
                <span class="collection-name">{name}</span>
                <form class="row nowrap" onSubmit={(e) => rename(e, c)}>
                  <input
                    type="text"
                    class="grow"
                    aria-label={`Name of ${name}`}
                    maxLength={200}
                    value={drafts[c.id] ?? ''}
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      setDrafts((d) => ({ ...d, [c.id]: value }));
                    }}
                  />
                  <button type="submit" disabled={busy}>
                    Rename<span class="visually-hidden"> {name}</span>
                  </button>
                  <button type="button" disabled={busy} onClick={() => void rerun(c)}>
                    Run<span class="visually-hidden"> {name}</span> again
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
