import type { ProviderId } from '@@/shared/schemas/job';
import type { QueueResult } from '../messaging/protocol';
import type { FailoverTarget } from './failover';

/** Failover messages ("Retry on…"), merged into ProtocolMap. */
export interface FailoverProtocol {
  /** The other configured providers a failed or expired job (or any of a group's) can be retried on. */
  failoverTargets(data: { id: string } | { groupId: string }): FailoverTarget[];
  /** Queues the job's failed URLs (its prompt, its keyword) on `provider` as a new job linked both ways. */
  retryJobOn(data: { id: string; provider: ProviderId }): QueueResult;
  retryGroupOn(data: { groupId: string; provider: ProviderId }): QueueResult;
}
