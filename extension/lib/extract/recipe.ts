import { type AnyNode, type Document, type Element } from 'domhandler';
import { baseUrlOf, imageUrl, innerHtml, linkUrl, parseHtml, select, selectFirst, selectFirstIn, SelectorError, textOf } from './dom';
import type { Recipe, RecipeDraft, RecipeField } from './recipe-schema';
import type { ExtractedTable } from './table';
import { uniqueColumns } from './table';

export interface FollowLink {
  url: string;
  /** Index of the "Follow link" field in the recipe. */
  field: number;
}

export interface RecipeResult {
  table: ExtractedTable;
  /** Links of "Follow link" fields, in page order (not yet normalized or deduplicated). */
  follow: FollowLink[];
  /** Links of "Next page" fields. */
  next: string[];
  /** A readable problem (bad selector); the table is then empty. */
  error?: string;
}

type RecipeLike = Pick<RecipeDraft, 'name' | 'rowSelector' | 'fields'> & Partial<Pick<Recipe, 'id'>>;

/** Fields that make columns ("Next page" is a page-level link, not a column). */
export const columnFields = (recipe: Pick<RecipeDraft, 'fields'>): RecipeField[] => recipe.fields.filter((f) => f.value.kind !== 'next');

function fieldValue(field: RecipeField, row: AnyNode, base: string): string {
  const el: AnyNode | null = field.selector ? selectFirstIn(field.selector, row) : row;
  if (!el) return '';
  const isEl = (n: AnyNode): n is Element => 'attribs' in n;
  switch (field.value.kind) {
    case 'text':
      return textOf(el);
    case 'html':
      return innerHtml(el).trim();
    case 'link':
    case 'follow':
      return isEl(el) ? (linkUrl(el, base) ?? '') : '';
    case 'image':
      return isEl(el) ? (imageUrl(el, base) ?? '') : '';
    case 'attr':
      return isEl(el) ? (el.attribs[field.value.name.toLowerCase()] ?? '') : '';
    case 'next':
      return '';
  }
}

/**
 * Applies a recipe to one page: rows from the row selector (or the whole page as one row), one
 * column per field, plus the links to follow. Pure: the same HTML and recipe always give the same rows.
 */
export function applyRecipe(recipe: RecipeLike, page: { url: string; html: string }, parsed?: Document): RecipeResult {
  const columns = uniqueColumns(columnFields(recipe).map((f) => f.name));
  const empty = (error?: string): RecipeResult => ({
    table: { id: `recipe-${recipe.id ?? 'draft'}`, label: `Recipe: ${recipe.name}`, kind: 'recipe', columns, rows: [], score: Number.MAX_SAFE_INTEGER },
    follow: [],
    next: [],
    ...(error ? { error } : {}),
  });
  try {
    const doc = parsed ?? parseHtml(page.html);
    const base = baseUrlOf(doc, page.url);
    const rowNodes: AnyNode[] = recipe.rowSelector.trim() ? select(recipe.rowSelector, doc) : [doc];
    const fields = recipe.fields;
    const result = empty();
    for (const row of rowNodes) {
      const cells: string[] = [];
      fields.forEach((field, index) => {
        if (field.value.kind === 'next') return;
        const value = fieldValue(field, row, base);
        cells.push(value);
        if (field.value.kind === 'follow' && value) result.follow.push({ url: value, field: index });
      });
      result.table.rows.push(cells);
    }
    for (const field of fields) {
      if (field.value.kind !== 'next' || !field.selector) continue;
      const link = selectFirst(field.selector, doc);
      const url = link && linkUrl(link, base);
      if (url) result.next.push(url);
    }
    return result;
  } catch (e) {
    if (e instanceof SelectorError) return empty(e.message);
    throw e;
  }
}
