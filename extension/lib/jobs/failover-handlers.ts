import { z } from 'zod';
import { ProviderId } from '@@/shared/schemas/job';
import type { Failover } from './failover';
import type { FailoverProtocol } from './failover-protocol';

type Handlers = { [K in keyof FailoverProtocol]: (data: Parameters<FailoverProtocol[K]>[0]) => Promise<ReturnType<FailoverProtocol[K]>> };

const Scope = z.union([z.object({ id: z.string().min(1) }), z.object({ groupId: z.string().min(1) })]);

/** The background handlers for FailoverProtocol, spread into registerHandlers. */
export function failoverHandlers(failover: Failover): Handlers {
  return {
    failoverTargets: async (data) => {
      const scope = Scope.parse(data);
      return 'id' in scope ? failover.targets(scope.id) : failover.groupTargets(scope.groupId);
    },
    retryJobOn: ({ id, provider }) => failover.retryOn(z.string().parse(id), ProviderId.parse(provider)),
    retryGroupOn: ({ groupId, provider }) => failover.retryGroupOn(z.string().parse(groupId), ProviderId.parse(provider)),
  };
}
