import { applyRecipe, type RecipeResult } from '@/lib/extract';
import type { Document } from '@/lib/extract/dom';
import type { FieldValue, RecipeDraft } from '@/lib/extract/recipe-schema';
import type { FieldForm, RecipeForm } from './form';

function lenientValue(f: FieldForm): FieldValue {
  switch (f.kind) {
    case 'attr':
      return { kind: 'attr', name: f.attr || '-' };
    case 'follow':
      return { kind: 'follow', maxDepth: 1, maxPages: 1, allowOtherSites: false };
    case 'next':
      return { kind: 'next', maxPages: 1 };
    default:
      return { kind: f.kind };
  }
}

/** The recipe as typed so far, good enough to preview (unnamed fields get "Field N"). */
export function previewRecipe(form: RecipeForm): Pick<RecipeDraft, 'name' | 'rowSelector' | 'fields'> {
  return {
    name: form.name || 'Preview',
    rowSelector: form.rowSelector.trim(),
    fields: form.fields.map((f, i) => ({ name: f.name.trim() || `Field ${i + 1}`, selector: f.selector.trim(), value: lenientValue(f) })),
  };
}

/** The live preview of the editor on the current page (already parsed once). */
export function previewOn(form: RecipeForm, page: { url: string; html: string }, doc: Document): RecipeResult {
  return applyRecipe(previewRecipe(form), page, doc);
}

export function matchText(form: RecipeForm, result: RecipeResult): string {
  if (result.error) return result.error;
  if (!form.rowSelector.trim()) return '1 match (the whole page is one row)';
  const n = result.table.rows.length;
  return `${n.toLocaleString('en-US')} match${n === 1 ? '' : 'es'}`;
}
