import { bodyMessage } from '../kit/http';

/** Human messages for ScrapeLLM errors; bodies are `{"detail": "..."}` (guides/error-handling, reference §5). */
export function scrapeLlmMessage(status: number, text: string): string {
  const detail = bodyMessage(text);
  switch (status) {
    case 401:
      return `ScrapeLLM rejected the API key (${detail}). Fix your key in Options; a 401 can also mean no credits left.`;
    case 400:
    case 422:
      return `ScrapeLLM refused the request: ${detail}`;
    case 408:
      return `ScrapeLLM provider timeout: ${detail}`;
    case 429:
      return `ScrapeLLM credit or rate limit reached: ${detail}`;
    default:
      return status >= 500 ? `ScrapeLLM server error ${status}: ${detail}` : `ScrapeLLM HTTP ${status}: ${detail}`;
  }
}
