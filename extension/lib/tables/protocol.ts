import type { CrawlState } from '../crawl/plan';
import type { Recipe } from '../extract/recipe-schema';

/** Table tab and recipe messages (merged into the ProtocolMap). */
export interface TablesProtocol {
  /** Fills the extracted-rows cache for these jobs; the page then reads it. */
  extractTables(data: { jobIds: string[] }): { computed: number; cached: number };
  /** Creates (no id) or updates a recipe from an editor draft (validated in the background). */
  saveRecipe(data: { id?: string; draft: unknown }): Recipe;
  renameRecipe(data: { id: string; name: string }): Recipe;
  deleteRecipe(data: { id: string }): { id: string };
  importRecipes(data: { json: string }): { imported: number };
  /** Starts a follow-link crawl over the job's group with the recipe. */
  startCrawl(data: { jobId: string; recipeId: string }): CrawlState;
  stopCrawl(data: { groupId: string }): { groupId: string };
}
