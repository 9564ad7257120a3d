import { useEffect, useMemo, useState } from 'preact/hooks';
import { parseHtml } from '@/lib/extract';
import type { Recipe } from '@/lib/extract/recipe-schema';
import { DataTable } from '@/lib/ui/DataTable';
import { useServices } from '@/lib/ui/services';
import { FieldEditor } from './FieldEditor';
import { formToDraft, newField, type FieldForm, type RecipeForm } from './form';
import { matchText, previewOn } from './preview';

/** What a pick on the user's tab hands back to the editor. */
export interface PickResult {
  use: 'rows' | 'field';
  selector: string;
  count: number;
  /** A field name and Value kind guessed from the picked element. */
  name: string;
  kind: FieldForm['kind'];
}

/** "Pick on page" control, provided where a live tab exists (the side panel). */
export interface PickerControl {
  /** Shown while picking, e.g. "Picking on the page: click an element (Esc cancels)". */
  message: string;
  active: boolean;
  start: (rowSelector: string, onResult: (result: PickResult) => void) => void;
  cancel: () => void;
}

export interface RecipeEditorProps {
  /** The recipe being edited; absent for a new one. */
  recipe?: Recipe;
  initial: RecipeForm;
  /** Other recipes (for "Recipe for followed pages"). */
  recipes: readonly Recipe[];
  /** The page to preview on (the record shown); absent in Options. */
  page?: { url: string; html: string };
  picker?: PickerControl;
  onSaved: (recipe: Recipe) => void;
  onCancel: () => void;
}

const PREVIEW_DELAY_MS = 120;

/** The recipe editor: name, URL patterns, row selector, fields, a live preview with the match count, Save. */
export function RecipeEditor({ recipe, initial, recipes, page, picker, onSaved, onCancel }: RecipeEditorProps) {
  const { send } = useServices();
  const [form, setForm] = useState<RecipeForm>(initial);
  const [shown, setShown] = useState<RecipeForm>(initial);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(form), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form]);

  const doc = useMemo(() => (page ? parseHtml(page.html) : undefined), [page]);
  const preview = useMemo(() => (page && doc ? previewOn(shown, page, doc) : undefined), [shown, page, doc]);

  const set = (patch: Partial<RecipeForm>) => setForm((f) => ({ ...f, ...patch }));
  const setField = (i: number, patch: Partial<FieldForm>) => setForm((f) => ({ ...f, fields: f.fields.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));

  const onPicked = (r: PickResult) => {
    if (r.use === 'rows') return set({ rowSelector: r.selector });
    setForm((f) => {
      const empty = f.fields.findIndex((x) => !x.selector.trim());
      const picked = newField({ name: r.name, selector: r.selector, kind: r.kind });
      if (empty < 0) return { ...f, fields: [...f.fields, picked] };
      return { ...f, fields: f.fields.map((x, j) => (j === empty ? { ...x, selector: r.selector, name: x.name || r.name, kind: x.name ? x.kind : r.kind } : x)) };
    });
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError('');
    try {
      onSaved(await send('saveRecipe', { ...(recipe ? { id: recipe.id } : {}), draft: formToDraft(form) }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="recipe-editor" aria-label="Recipe editor" onSubmit={(e) => void save(e)}>
      <h2>{recipe ? `Edit recipe “${recipe.name}”` : 'New recipe'}</h2>
      <label class="field">
        Recipe name
        <input type="text" value={form.name} maxLength={200} onInput={(e) => set({ name: e.currentTarget.value })} />
      </label>
      <label class="field">
        Applies to URLs
        <input type="text" value={form.urls} placeholder="https://shop.example/products/*" onInput={(e) => set({ urls: e.currentTarget.value })} />
      </label>
      <div class="row nowrap recipe-rows">
        <label class="field grow">
          Row selector
          <input type="text" value={form.rowSelector} placeholder="CSS, e.g. .product-card (empty: the whole page)" onInput={(e) => set({ rowSelector: e.currentTarget.value })} />
        </label>
        {picker && (
          <button type="button" onClick={() => (picker.active ? picker.cancel() : picker.start(form.rowSelector, onPicked))}>
            {picker.active ? 'Stop picking' : 'Pick on page'}
          </button>
        )}
      </div>
      {picker?.message && (
        <p class="muted" role="status" aria-label="Picker">
          {picker.message}
        </p>
      )}
      {form.fields.map((field, i) => (
        <FieldEditor
          key={i}
          index={i}
          field={field}
          recipes={recipes.filter((r) => r.id !== recipe?.id)}
          onChange={(patch) => setField(i, patch)}
          onRemove={form.fields.length > 1 ? () => set({ fields: form.fields.filter((_, j) => j !== i) }) : undefined}
        />
      ))}
      <div class="row">
        <button type="button" onClick={() => set({ fields: [...form.fields, newField()] })}>
          Add field
        </button>
      </div>
      {preview && (
        <>
          <p role="status" aria-label="Match count" class={preview.error ? 'error' : 'muted'}>
            {matchText(shown, preview)}
          </p>
          {preview.table.rows.length > 0 && <DataTable label="Recipe preview" columns={preview.table.columns} rows={preview.table.rows} />}
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={saving}>
          Save recipe
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
