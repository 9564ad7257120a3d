import type { ScrapeLlmScraper } from '@@/shared/schemas/job';

/** Display names of ScrapeLLM's scrapers (ids from the ScrapeLLM seed). */
export const SCRAPER_LABELS: Record<ScrapeLlmScraper, string> = {
  chatgpt: 'ChatGPT',
  perplexity: 'Perplexity',
  grok: 'Grok',
  copilot: 'Copilot',
  gemini: 'Gemini',
  google_ai_mode: 'Google AI Mode',
  amazon_rufus: 'Amazon Rufus',
};
