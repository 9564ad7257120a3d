import type { ProviderId } from '@@/shared/schemas/job';
import type { Handlers } from '../messaging/server';
import type { ProviderAdapter } from '../providers/types';
import type { ArchiveProtocol } from './protocol';
import type { ArchiveServices } from './services';

/** Background handlers of the archive's messages. */
export function archiveHandlers(archive: ArchiveServices, adapters: Readonly<Record<ProviderId, ProviderAdapter>>): Pick<Handlers, keyof ArchiveProtocol> {
  return {
    searchResults: ({ query, provider, since }) => archive.search.search(query, { provider, since }),
    monitorProviders: () =>
      Object.values(adapters)
        .filter((a) => a.capabilities.inputKinds.includes('urls'))
        .map((a) => ({ id: a.id, label: a.label, readsPagesHere: a.capabilities.pageAccess === true })),
    async createMonitors(spec) {
      return { created: (await archive.monitors.create(spec)).length };
    },
    async monitorAction({ id, action }) {
      await archive.monitors.act(id, action);
      return { ok: true };
    },
    async updateMonitor({ id, ...patch }) {
      await archive.monitors.update(id, patch);
      return { ok: true };
    },
    restoreBatch: ({ lines, firstLine }) => archive.restoreBatch(lines, firstLine),
    async restoreFinished() {
      await archive.restoreFinished();
      return { ok: true };
    },
    applyRetention: () => archive.applyRetention(),
  };
}
