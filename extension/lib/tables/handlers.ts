import type { TablesProtocol } from './protocol';
import type { Crawler } from '../crawl/crawler';
import type { TablesService } from './service';

type Handlers = { [K in keyof TablesProtocol]: (data: Parameters<TablesProtocol[K]>[0]) => Promise<ReturnType<TablesProtocol[K]>> };

/** The background handlers for TablesProtocol, spread into registerHandlers. */
export function tablesHandlers(tables: TablesService, crawler: Crawler): Handlers {
  return {
    extractTables: ({ jobIds }) => tables.extractTables(jobIds),
    saveRecipe: ({ id, draft }) => tables.saveRecipe(id, draft),
    renameRecipe: ({ id, name }) => tables.renameRecipe(id, name),
    deleteRecipe: ({ id }) => tables.deleteRecipe(id),
    importRecipes: ({ json }) => tables.importRecipes(json),
    startCrawl: ({ jobId, recipeId }) => crawler.start(jobId, recipeId),
    stopCrawl: async ({ groupId }) => (await crawler.stop(groupId), { groupId }),
  };
}
