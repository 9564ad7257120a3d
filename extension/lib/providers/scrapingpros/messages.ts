import { bodyMessage } from '../kit/http';

/** Human messages for ScrapingPros errors; bodies are `{"detail": "..."}` (apiReference/intro, reference §4). */
export function scrapingProsMessage(status: number, text: string): string {
  const detail = bodyMessage(text);
  switch (status) {
    case 401:
      return `ScrapingPros rejected the API key (${detail}). Fix your key in Options.`;
    case 400:
    case 422:
      return `ScrapingPros refused the request: ${detail}`;
    case 404:
      return `ScrapingPros does not know this collection or run: ${detail}`;
    case 429:
      return `ScrapingPros rate limit: ${detail}`;
    case 503:
      return `ScrapingPros is temporarily unavailable, retrying in a few seconds: ${detail}`;
    default:
      return status >= 500 ? `ScrapingPros server error ${status}: ${detail}` : `ScrapingPros HTTP ${status}: ${detail}`;
  }
}
