import { bodyMessage } from '../kit/http';

/**
 * Human messages for Scrape.do errors. Every error body is `{"Error": "...", "Code": n}` (seed "Error
 * Responses"); bodyMessage reads `Error`.
 */
export function scrapeDoMessage(status: number, text: string): string {
  const detail = bodyMessage(text);
  switch (status) {
    case 401:
      return `Scrape.do rejected the token (${detail}). Fix your key in Options; a 401 can also mean no credits left.`;
    case 400:
      return `Scrape.do refused the request: ${detail}`;
    case 404:
      return `Scrape.do does not know this job: ${detail}`;
    case 429:
      return `Scrape.do rate limit: ${detail}`;
    default:
      return status >= 500 ? `Scrape.do server error ${status}: ${detail}` : `Scrape.do HTTP ${status}: ${detail}`;
  }
}
