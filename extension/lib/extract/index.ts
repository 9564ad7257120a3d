export { parseHtml } from './dom';
export { detectTables, DETECTOR_VERSION, type DetectInput } from './detect';
export { applyRecipe, columnFields, type FollowLink, type RecipeResult } from './recipe';
export * from './recipe-schema';
export { matchesUrl, patternFromUrl, urlPatterns } from './url-pattern';
export { mergeTables, PAGE_URL, type PageTables } from './merge';
export { tableSize, type ExtractedTable } from './table';
