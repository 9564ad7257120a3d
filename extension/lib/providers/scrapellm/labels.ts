import { z } from 'zod';

/** ScrapeLLM's scrapers (ids from the ScrapeLLM seed): one prompt job asks one of them. */
export const ScrapeLlmScraper = z.enum(['chatgpt', 'perplexity', 'grok', 'copilot', 'gemini', 'google_ai_mode', 'amazon_rufus']);
export type ScrapeLlmScraper = z.infer<typeof ScrapeLlmScraper>;

/** Display names of the scrapers. */
export const SCRAPER_LABELS: Record<ScrapeLlmScraper, string> = {
  chatgpt: 'ChatGPT',
  perplexity: 'Perplexity',
  grok: 'Grok',
  copilot: 'Copilot',
  gemini: 'Gemini',
  google_ai_mode: 'Google AI Mode',
  amazon_rufus: 'Amazon Rufus',
};
