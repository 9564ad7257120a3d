import { useState } from 'preact/hooks';
import type { Recipe } from '@/lib/extract/recipe-schema';
import { pageExtractRepo } from '@/lib/tables/page-repo';
import { downloadText } from '@/lib/ui/download';
import { countLabel } from '@/lib/ui/format';
import { recipesFile, recipeToForm } from '@/lib/ui/recipes/form';
import { RecipeEditor } from '@/lib/ui/recipes/RecipeEditor';
import { useLiveQuery } from '@/lib/ui/use-live-query';
import { useServices } from '@/lib/ui/services';

type Outcome = { kind: 'idle' } | { kind: 'ok' | 'error'; message: string };

/** Options → Recipes: every saved recipe with rename, edit and delete; export and import as JSON. */
export function RecipesSection() {
  const { send } = useServices();
  const recipes = useLiveQuery(() => pageExtractRepo.listRecipes(), []);
  const [names, setNames] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<Recipe>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const act = async (work: () => Promise<string>) => {
    try {
      setOutcome({ kind: 'ok', message: await work() });
    } catch (e) {
      setOutcome({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const importFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void act(async () => {
      const { imported } = await send('importRecipes', { json: await file.text() });
      return `Imported ${countLabel(imported, 'recipe')}`;
    });
  };

  return (
    <section class="card" aria-labelledby="recipes-heading">
      <h2 id="recipes-heading">Recipes</h2>
      <p class="muted">Recipes turn pages into rows (side panel → Table). Each applies to every cached and future result whose URL matches, from any provider.</p>
      <div class="row">
        <button type="button" disabled={!recipes?.length} onClick={() => downloadText('scrape-queue-recipes.json', recipesFile(recipes ?? []), 'application/json')}>
          Export recipes
        </button>
        <label class="file-button">
          Import recipes (JSON)
          <input type="file" accept=".json,application/json" class="visually-hidden" onChange={(e) => importFile(e.currentTarget)} />
        </label>
        <p role="status" aria-label="Recipes status" class={outcome.kind === 'error' ? 'error' : 'muted'}>
          {outcome.kind === 'idle' ? '' : outcome.message}
        </p>
      </div>
      {editing && (
        <RecipeEditor
          recipe={editing}
          initial={recipeToForm(editing)}
          recipes={recipes ?? []}
          onCancel={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            setOutcome({ kind: 'ok', message: `Saved ${saved.name}` });
          }}
        />
      )}
      {recipes && recipes.length === 0 && <p class="muted">No recipes yet. Make one with “New recipe” in the side panel’s Table tab.</p>}
      {recipes && recipes.length > 0 && (
        <ul class="recipes-list" aria-label="Recipes">
          {recipes.map((r) => (
            <li key={r.id} class="row nowrap">
              <form
                class="row nowrap grow"
                onSubmit={(e) => {
                  e.preventDefault();
                  void act(async () => `Renamed to ${(await send('renameRecipe', { id: r.id, name: names[r.id] ?? r.name })).name}`);
                }}
              >
                <input
                  type="text"
                  class="grow"
                  aria-label={`Name of ${r.name}`}
                  value={names[r.id] ?? r.name}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setNames((n) => ({ ...n, [r.id]: value }));
                  }}
                />
                <span class="muted">{r.urls}</span>
                <button type="submit">
                  Rename<span class="visually-hidden"> {r.name}</span>
                </button>
              </form>
              <button type="button" onClick={() => setEditing(r)}>
                Edit<span class="visually-hidden"> {r.name}</span>
              </button>
              <button type="button" onClick={() => void act(async () => (await send('deleteRecipe', { id: r.id }), `Deleted ${r.name}`))}>
                Delete<span class="visually-hidden"> {r.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
