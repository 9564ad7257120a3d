import { pageExtractRepo } from '@/lib/tables/page-repo';
import { useLiveQuery } from '@/lib/ui/use-live-query';

const STATUS: Record<string, string> = { running: 'running', done: 'finished', capped: 'stopped at Max pages', stopped: 'stopped' };

/** "Crawl: 2 pages done / 3 found / cap 100 · running" for a job's group, live. */
export function CrawlProgress({ groupId }: { groupId: string | undefined }) {
  const crawl = useLiveQuery(async () => (groupId ? ((await pageExtractRepo.getCrawl(groupId)) ?? null) : null), [groupId]);
  if (!crawl) return null;
  return (
    <p role="status" aria-label="Crawl progress" class="muted crawl-progress">
      Crawl: {crawl.done} pages done / {crawl.found} found / cap {crawl.cap} · {STATUS[crawl.status] ?? crawl.status}
    </p>
  );
}
