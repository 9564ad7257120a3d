import { FieldValue, type FieldKind, type Recipe } from '@/lib/extract/recipe-schema';
import { VALUE_LABELS, type FieldForm } from './form';

export interface FieldEditorProps {
  index: number;
  field: FieldForm;
  recipes: readonly Recipe[];
  onChange: (patch: Partial<FieldForm>) => void;
  onRemove?: () => void;
}

const KINDS = FieldValue.options.map((o) => o.shape.kind.value);
const isKind = (s: string): s is FieldKind => KINDS.some((k) => k === s);

/** One field of a recipe: name, selector (relative to the row), Value and what that Value needs. */
export function FieldEditor({ index, field, recipes, onChange, onRemove }: FieldEditorProps) {
  const n = index + 1;
  return (
    <fieldset class="recipe-field">
      <legend>Field {n}</legend>
      <div class="row">
        <label class="field grow">
          Field name
          <input type="text" value={field.name} maxLength={100} onInput={(e) => onChange({ name: e.currentTarget.value })} />
        </label>
        <label class="field grow">
          Selector
          <input
            type="text"
            value={field.selector}
            placeholder={field.kind === 'next' ? 'CSS on the whole page, e.g. a[rel=next]' : 'CSS inside the row (empty: the row)'}
            onInput={(e) => onChange({ selector: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          Value
          <select value={field.kind} onChange={(e) => isKind(e.currentTarget.value) && onChange({ kind: e.currentTarget.value })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {VALUE_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {field.kind === 'attr' && (
        <label class="field">
          Attribute name
          <input type="text" value={field.attr} placeholder="e.g. data-id" onInput={(e) => onChange({ attr: e.currentTarget.value })} />
        </label>
      )}
      {(field.kind === 'follow' || field.kind === 'next') && (
        <div class="row">
          {field.kind === 'follow' && (
            <label class="field">
              Max depth
              <input type="number" min={1} max={5} value={field.maxDepth} onInput={(e) => onChange({ maxDepth: e.currentTarget.value })} />
            </label>
          )}
          <label class="field">
            Max pages
            <input type="number" min={1} max={10000} value={field.maxPages} onInput={(e) => onChange({ maxPages: e.currentTarget.value })} />
          </label>
          {field.kind === 'follow' && (
            <>
              <label class="field grow">
                Recipe for followed pages
                <select value={field.recipeId} onChange={(e) => onChange({ recipeId: e.currentTarget.value })}>
                  <option value="">None (detected tables)</option>
                  {recipes.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
              <label class="check">
                <input type="checkbox" checked={field.allowOtherSites} onChange={(e) => onChange({ allowOtherSites: e.currentTarget.checked })} />
                Allow other sites
              </label>
            </>
          )}
        </div>
      )}
      {onRemove && (
        <button type="button" class="link" onClick={onRemove}>
          Remove field {n}
        </button>
      )}
    </fieldset>
  );
}
