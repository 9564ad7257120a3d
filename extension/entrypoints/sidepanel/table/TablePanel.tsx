import { useEffect, useState } from 'preact/hooks';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { Job } from '@/lib/db/schema';
import { patternFromUrl, tableSize, type Recipe } from '@/lib/extract';
import { pageExtractRepo } from '@/lib/tables/page-repo';
import { newField, recipeToForm, type RecipeForm } from '@/lib/ui/recipes/form';
import { RecipeEditor } from '@/lib/ui/recipes/RecipeEditor';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useServices } from '@/lib/ui/services';
import { tableToTsv } from '@/lib/export/table';
import { DataTable } from '@/lib/ui/DataTable';
import { jobLabel } from '@/lib/ui/format';
import { TableExports } from './TableExports';
import { usePicker } from './use-picker';
import { type Scope, useScopeJobIds, useScopeTables } from './use-scope-tables';

export interface TablePanelProps {
  job: Job;
  records: readonly ScrapeRecord[];
  recordIndex: number;
  /** Gives the result view's Copy button the shown table as TSV. */
  onCopyText: (text: () => string) => void;
}

const SCOPE_LABELS: Record<Scope, string> = {
  record: 'This page',
  job: 'This job (all pages)',
  group: 'This group (all jobs)',
  filter: 'Jobs matching the popup’s filter',
};

/** The Table tab: detected tables and recipe rows of a page, a job, a group or the popup's filter. */
export function TablePanel({ job, records, recordIndex, onCopyText }: TablePanelProps) {
  const { send } = useServices();
  const [scope, setScope] = useState<Scope>('record');
  const jobIds = useScopeJobIds(scope, job);
  const { tables, errors, busy } = useScopeTables(jobIds, scope === 'record' ? recordIndex : undefined);
  const [chosen, setChosen] = useState<string>();
  const [editing, setEditing] = useState<{ recipe?: Recipe; form: RecipeForm }>();
  const recipes = useLiveQuery(() => pageExtractRepo.listRecipes(), []) ?? [];
  const table = tables?.find((t) => t.id === chosen) ?? tables?.[0];
  const record = records[recordIndex];
  const picker = usePicker();
  const shownRecipe = table?.kind === 'recipe' ? recipes.find((r) => `recipe-${r.id}` === table.id) : undefined;
  const crawls = shownRecipe?.fields.some((f) => f.value.kind === 'follow' || f.value.kind === 'next');
  const [crawlError, setCrawlError] = useState('');
  const crawl = useLiveQuery(async () => (job.groupId ? ((await pageExtractRepo.getCrawl(job.groupId)) ?? null) : null), [job.groupId]);
  const startCrawl = async (recipeId: string) => {
    setCrawlError('');
    try {
      await send('startCrawl', { jobId: job.id, recipeId });
    } catch (e) {
      setCrawlError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => onCopyText(() => (table ? tableToTsv(table) : '')), [table, onCopyText]);

  const scopes: Scope[] = ['record', ...(records.length > 1 ? (['job'] as const) : []), ...(job.groupId ? (['group'] as const) : []), 'filter'];
  const stem = scope === 'record' ? (records[recordIndex]?.url ?? jobLabel(job)) : jobLabel(job);

  if (editing) {
    return (
      <section class="table-panel" aria-label="Table">
        <RecipeEditor
          recipe={editing.recipe}
          initial={editing.form}
          recipes={recipes}
          page={record?.html ? { url: record.url, html: record.html } : undefined}
          picker={picker}
          onCancel={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            setChosen(`recipe-${saved.id}`);
          }}
        />
      </section>
    );
  }

  const newRecipe = () =>
    setEditing({
      form: { name: '', urls: record ? patternFromUrl(record.url) : '', rowSelector: table?.rowSelector ?? '', fields: [newField()] },
    });

  return (
    <section class="table-panel" aria-label="Table">
      <div class="row table-controls">
        <label class="field">
          Rows from
          <select value={scope} onChange={(e) => setScope(scopes.find((s) => s === e.currentTarget.value) ?? 'record')}>
            {scopes.map((s) => (
              <option key={s} value={s}>
                {SCOPE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {tables && tables.length > 0 && (
          <label class="field grow">
            Detected tables
            <select value={table?.id} onChange={(e) => setChosen(e.currentTarget.value)}>
              {tables.map((t) => (
                <option key={t.id} value={t.id}>
                  {`${t.label} — ${tableSize(t)}`}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div class="row">
        <button type="button" onClick={newRecipe}>
          New recipe
        </button>
        {shownRecipe && (
          <button type="button" onClick={() => setEditing({ recipe: shownRecipe, form: recipeToForm(shownRecipe) })}>
            Edit recipe
          </button>
        )}
        {shownRecipe && crawls && crawl?.status !== 'running' && (
          <button type="button" onClick={() => void startCrawl(shownRecipe.id)}>
            Start crawl
          </button>
        )}
        {crawl?.status === 'running' && job.groupId && (
          <button type="button" onClick={() => void send('stopCrawl', { groupId: job.groupId ?? '' })}>
            Stop crawl
          </button>
        )}
      </div>
      {crawlError && <p class="error">{crawlError}</p>}
      {errors.map((error) => (
        <p key={error} class="error">
          {error}
        </p>
      ))}
      {tables === undefined || (busy && tables.length === 0) ? (
        <p class="muted" role="status">
          Finding tables…
        </p>
      ) : !table ? (
        <div class="empty-state">
          <p class="empty">No table found {scope === 'record' ? 'in this page' : 'in these pages'}.</p>
          <p class="muted">Nothing here looks like rows and columns (no table, no repeated items). A recipe can pick them out.</p>
        </div>
      ) : (
        <>
          <TableExports table={table} tables={tables} stem={stem} />
          <DataTable label="Extracted data" columns={table.columns} rows={table.rows} />
        </>
      )}
    </section>
  );
}
