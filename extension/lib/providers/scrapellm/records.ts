import type { ScrapeRecord } from '@@/shared/schemas/job';
import type { Link, ScrapeResult } from './schemas';

/** Records carry a pseudo-URL per scraper: an LLM answer has no page URL of its own. */
export const answerUrl = (scraper: string): string => `scrapellm:${scraper}`;

function toSource(link: Link): { url: string; title?: string } | undefined {
  if (typeof link === 'string') return link ? { url: link } : undefined;
  const url = link.url ?? link.link ?? link.href;
  if (!url) return undefined;
  const title = link.title ?? link.text ?? link.name;
  return title ? { url, title } : { url };
}

/** One done job → one record: the answer text/markdown, its cited links, and the raw result as `data`. */
export function resultToRecord(scraper: string, result: ScrapeResult): ScrapeRecord {
  const sources = (result.links ?? []).map(toSource).filter((s) => s !== undefined);
  const text = result.result ?? result.result_markdown ?? '';
  return {
    url: answerUrl(scraper),
    answer: { text, ...(result.result_markdown && { markdown: result.result_markdown }), sources },
    ...(result.result_markdown && { markdown: result.result_markdown }),
    text,
    data: result,
    ...(result.elapsed_ms != null && { timings: { elapsedMs: result.elapsed_ms } }),
  };
}

/** "3 credits" when the result reports credits_used. */
export function costOf(result: ScrapeResult | null | undefined): string | undefined {
  const credits = result?.credits_used == null || result.credits_used === '' ? Number.NaN : Number(result.credits_used);
  return Number.isFinite(credits) ? `${credits} credits` : undefined;
}
