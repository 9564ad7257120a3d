import { FOLLOW_DEFAULTS, type FieldKind, type Recipe, type RecipeDraft } from '@/lib/extract/recipe-schema';

/** One field as the editor holds it: every control's text, whatever the Value kind. */
export interface FieldForm {
  name: string;
  selector: string;
  kind: FieldKind;
  attr: string;
  maxDepth: string;
  maxPages: string;
  recipeId: string;
  allowOtherSites: boolean;
}

export interface RecipeForm {
  name: string;
  urls: string;
  rowSelector: string;
  fields: FieldForm[];
}

export const VALUE_LABELS: Record<FieldKind, string> = {
  text: 'Text',
  html: 'HTML',
  link: 'Link URL',
  image: 'Image URL',
  attr: 'Attribute…',
  follow: 'Follow link',
  next: 'Next page',
};

export const newField = (patch: Partial<FieldForm> = {}): FieldForm => ({
  name: '',
  selector: '',
  kind: 'text',
  attr: '',
  maxDepth: String(FOLLOW_DEFAULTS.maxDepth),
  maxPages: String(FOLLOW_DEFAULTS.maxPages),
  recipeId: '',
  allowOtherSites: false,
  ...patch,
});

const int = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** The draft the background validates (RecipeDraft); numbers that are not numbers fail there with a message. */
export function formToDraft(form: RecipeForm): unknown {
  return {
    name: form.name,
    urls: form.urls,
    rowSelector: form.rowSelector,
    fields: form.fields.map((f) => {
      const value =
        f.kind === 'attr'
          ? { kind: 'attr', name: f.attr }
          : f.kind === 'follow'
            ? { kind: 'follow', maxDepth: int(f.maxDepth), maxPages: int(f.maxPages), allowOtherSites: f.allowOtherSites, ...(f.recipeId ? { recipeId: f.recipeId } : {}) }
            : f.kind === 'next'
              ? { kind: 'next', maxPages: int(f.maxPages) }
              : { kind: f.kind };
      return { name: f.name, selector: f.selector, value };
    }),
  };
}

export function recipeToForm(recipe: Pick<RecipeDraft, 'name' | 'urls' | 'rowSelector' | 'fields'>): RecipeForm {
  return {
    name: recipe.name,
    urls: recipe.urls,
    rowSelector: recipe.rowSelector,
    fields: recipe.fields.map((f) => {
      const v = f.value;
      return newField({
        name: f.name,
        selector: f.selector,
        kind: v.kind,
        attr: v.kind === 'attr' ? v.name : '',
        maxDepth: String(v.kind === 'follow' ? v.maxDepth : FOLLOW_DEFAULTS.maxDepth),
        maxPages: String(v.kind === 'follow' || v.kind === 'next' ? v.maxPages : FOLLOW_DEFAULTS.maxPages),
        recipeId: v.kind === 'follow' ? (v.recipeId ?? '') : '',
        allowOtherSites: v.kind === 'follow' && v.allowOtherSites,
      });
    }),
  };
}

/** An export file of recipes (what "Export recipes" downloads and "Import recipes" reads). */
export function recipesFile(recipes: readonly Recipe[]): string {
  return JSON.stringify({ format: 'scrape-queue-recipes', version: 1, recipes }, null, 2) + '\n';
}
