import type { Job } from '../db/schema';
import { canFailOver } from '../jobs/failover';
import { jobLabel, providerLabel } from './format';
import { RetryOnMenu } from './RetryOnMenu';
import { useLiveQuery } from './use-live-query';
import { useServices } from './services';

const viewerHref = (id: string) => `?job=${encodeURIComponent(id)}`;

function JobLink({ id, job }: { id: string; job: Job | undefined }) {
  return <a href={viewerHref(id)}>{job ? `${providerLabel(job)} job (${job.status}): ${jobLabel(job)}` : `job ${id} (deleted)`}</a>;
}

/**
 * Failover in a job's Details: "Retried from" the original, "Retried on" each retry (links that show
 * that job here), and the "Retry on…" menus of a failed or expired job and of its group.
 */
export function FailoverLinks({ job }: { job: Job }) {
  const { repo } = useServices();
  const ids = [...(job.retriedFrom ? [job.retriedFrom] : []), ...(job.retriedOn ?? []).map((r) => r.jobId)];
  const linked = useLiveQuery(async () => new Map((await Promise.all(ids.map((id) => repo.get(id)))).map((j, i) => [ids[i] ?? '', j])), [repo, ids.join(' ')]);
  const retriedOn = job.retriedOn ?? [];
  if (!job.retriedFrom && retriedOn.length === 0 && !canFailOver(job)) return null;
  return (
    <section class="failover" aria-label="Failover">
      {job.retriedFrom && (
        <p>
          Retried from <JobLink id={job.retriedFrom} job={linked?.get(job.retriedFrom)} />
        </p>
      )}
      {retriedOn.length > 0 && (
        <div>
          Retried on
          <ul>
            {retriedOn.map((r) => (
              <li key={r.jobId}>
                <JobLink id={r.jobId} job={linked?.get(r.jobId)} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {canFailOver(job) && (
        <div class="row">
          <RetryOnMenu scope={{ id: job.id }} />
          {job.groupId && <RetryOnMenu scope={{ groupId: job.groupId }} name="Retry group on…" />}
        </div>
      )}
    </section>
  );
}
