import { z } from 'zod';

export const FOLLOW_DEFAULTS = { maxDepth: 1, maxPages: 100 } as const;

/** What a field takes from the element its selector found. */
export const FieldValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text') }),
  z.object({ kind: z.literal('html') }),
  z.object({ kind: z.literal('link') }),
  z.object({ kind: z.literal('image') }),
  z.object({ kind: z.literal('attr'), name: z.string().trim().min(1, 'Enter the attribute name.') }),
  /** The link's URL, and the linked page is queued in the same group (a crawl). */
  z.object({
    kind: z.literal('follow'),
    maxDepth: z.number().int().min(1).max(5).default(FOLLOW_DEFAULTS.maxDepth),
    maxPages: z.number().int().min(1).max(10_000).default(FOLLOW_DEFAULTS.maxPages),
    /** Recipe for the followed pages; without one they get auto-detected tables only. */
    recipeId: z.string().optional(),
    allowOtherSites: z.boolean().default(false),
  }),
  /** Pagination: the selector (on the whole page) finds the next page's link, scraped with this recipe. */
  z.object({ kind: z.literal('next'), maxPages: z.number().int().min(1).max(10_000).default(FOLLOW_DEFAULTS.maxPages) }),
]);
export type FieldValue = z.infer<typeof FieldValue>;
export type FieldKind = FieldValue['kind'];

export const RecipeField = z.object({
  name: z.string().trim().min(1, 'Every field needs a name.').max(100),
  /** CSS, relative to the row; empty means the row itself. */
  selector: z.string().trim().max(2000).default(''),
  value: FieldValue,
});
export type RecipeField = z.infer<typeof RecipeField>;

/** What the user edits (and what import/export carries). */
export const RecipeDraft = z.object({
  name: z.string().trim().min(1, 'Enter a recipe name.').max(200),
  /** One or more URL patterns ("https://shop.example/products/*"), separated by spaces or new lines. */
  urls: z.string().trim().min(1, 'Enter the URLs it applies to.').max(4000),
  /** CSS for the rows; empty means one row per page. */
  rowSelector: z.string().trim().max(2000).default(''),
  fields: z.array(RecipeField).min(1, 'Add at least one field.').max(50),
});
export type RecipeDraft = z.infer<typeof RecipeDraft>;

export const Recipe = RecipeDraft.extend({
  id: z.string().min(1),
  /** Bumped on every change: cached rows are kept per (record, recipe version). */
  version: z.number().int().nonnegative(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Recipe = z.infer<typeof Recipe>;

/** The file format of "Export recipes": a list of recipes under a format tag. */
export const RecipeFile = z.object({
  format: z.literal('scrape-queue-recipes'),
  version: z.literal(1),
  recipes: z.array(Recipe.partial({ id: true, version: true, createdAt: true, updatedAt: true })),
});
export type RecipeFile = z.infer<typeof RecipeFile>;

/** The first zod issue as one readable line ("fields.0.name: Every field needs a name."). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid recipe.';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
