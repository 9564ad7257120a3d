/**
 * `DELETE /jobs/<id>` comes only from the official skill; its answer is undocumented (§2 Cancel
 * [OFF-CODE]/[UNKNOWN]). The key goes in the JSON body like every other keyed call (§2 Base & auth),
 * and only to the configured origin. 404 means the job is already gone: nothing left to stop.
 */
import { ProviderError } from '../errors';
import { bodyMessage, errorFor, isOk } from '../kit/http';
import type { CallContext, ProviderDeps } from '../types';
import type { ScraperApiClient } from './client';
import type { Task } from './ref';

const PARALLEL = 8;

export async function cancelTasks(deps: ProviderDeps, client: ScraperApiClient, ctx: CallContext, tasks: readonly Task[]): Promise<void> {
  const running = tasks.filter((t) => t.state === 'running');
  let firstError: ProviderError | undefined;
  for (let i = 0; i < running.length; i += PARALLEL) {
    await Promise.all(
      running.slice(i, i + PARALLEL).map(async (task) => {
        try {
          const res = await client.keyed(ctx, 'DELETE', `/jobs/${encodeURIComponent(task.id)}`);
          if (isOk(res) || res.status === 404) return;
          firstError ??= errorFor(deps, res, (status, text) => `ScraperAPI cancel failed: HTTP ${status}: ${bodyMessage(text)}`);
        } catch (e) {
          firstError ??= e instanceof ProviderError ? e : new ProviderError('transient', String(e));
        }
      }),
    );
  }
  if (firstError) {
    deps.logger.warn(`ScraperAPI cancel: ${firstError.message}`);
    throw firstError;
  }
}
