import { applyRecipe, matchesUrl, Recipe } from '../extract';
import type { RecipeRows } from './rows';
import type { Row } from './types';

/**
 * Rows from the first saved recipe (issue 8) whose URL patterns match the record, so a monitored
 * listing gets a row diff. `listRecipes` returns whatever is stored; rows that do not parse are ignored.
 */
export function createRecipeRows(listRecipes: () => Promise<unknown[]>): RecipeRows {
  return async (record) => {
    if (!record.html) return undefined;
    const url = record.finalUrl ?? record.url;
    const recipe = (await listRecipes())
      .map((r) => Recipe.safeParse(r))
      .find((r) => r.success && matchesUrl(r.data.urls, url));
    if (!recipe?.success) return undefined;
    const { table, error } = applyRecipe(recipe.data, { url, html: record.html });
    if (error || table.rows.length === 0) return undefined;
    return table.rows.map((cells): Row => Object.fromEntries(table.columns.map((c, i) => [c, cells[i] ?? ''])));
  };
}
