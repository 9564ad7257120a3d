import type { JobsRepo } from '../db/jobs-repo';
import type { Job } from '../db/schema';

export interface SettledDeps {
  repo: JobsRepo;
  notificationsEnabled: () => Promise<boolean>;
  notify: (id: string, title: string, message: string) => Promise<void>;
  refreshBadge: () => void;
}

/** One notification per finished job or per finished group (a paste, a selection), never one per URL. */
export function createSettledHandler(deps: SettledDeps) {
  return async (job: Job): Promise<void> => {
    deps.refreshBadge();
    if (!(await deps.notificationsEnabled())) return;
    if (job.groupId && (await deps.repo.countActiveInGroup(job.groupId)) > 0) return;
    const summary = job.groupId ? await deps.repo.groupSummary(job.groupId) : { total: 1, byStatus: { [job.status]: 1 } };
    const parts = Object.entries(summary.byStatus).map(([status, n]) => `${n} ${status}`);
    const title = summary.total === 1 ? `Job ${job.status}` : `${summary.total} jobs finished`;
    const message = summary.total === 1 ? `${job.label}${job.error ? `: ${job.error}` : ''}` : parts.join(', ');
    await deps.notify(`sq-${job.groupId ?? job.id}`, title, message.slice(0, 300));
  };
}
