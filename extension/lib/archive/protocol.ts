import type { ProviderId } from '@@/shared/schemas/job';
import type { MonitorAction, NewMonitorSpec } from '../monitors/monitor-service';
import type { IntervalId } from '../monitors/types';
import type { SearchAnswer } from '../search/search-service';
import type { RestoreReport } from './restore';

export interface MonitorProvider {
  id: ProviderId;
  label: string;
  /** Fetches pages from this browser (no remote API): the page's host must be granted first. */
  readsPagesHere: boolean;
}

/** The archive's messages (search, monitors, restore, retention); part of the one ProtocolMap. */
export interface ArchiveProtocol {
  searchResults(data: { query: string; provider?: ProviderId; since?: number }): SearchAnswer;
  /** Providers a monitor can use (those that take URLs), for the "Monitor…" form. */
  monitorProviders(data: Record<string, never>): MonitorProvider[];
  createMonitors(data: NewMonitorSpec): { created: number };
  monitorAction(data: { id: string; action: MonitorAction }): { ok: true };
  updateMonitor(data: { id: string; interval?: IntervalId; notify?: boolean }): { ok: true };
  /** One batch of backup lines; `firstLine` numbers them for error reports. */
  restoreBatch(data: { lines: string[]; firstLine: number }): RestoreReport;
  restoreFinished(data: Record<string, never>): { ok: true };
  /** Applies the stored "Keep results" preferences now. */
  applyRetention(data: Record<string, never>): { jobs: number; snapshots: number };
}
