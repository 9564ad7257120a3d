import type { ProviderId } from '@@/shared/schemas/job';
import type { ArchiveProtocol } from '../archive/protocol';
import type { FailoverProtocol } from '../jobs/failover-protocol';
import type { BulkAction, BulkOutcome, BulkSelection } from '../jobs/bulk/types';
import type { CollectionSummary, KeyCheck } from '../providers/types';
import type { TablesProtocol } from '../tables/protocol';

export interface InvalidInput {
  input: string;
  reason: string;
}

export interface QueueResult {
  queued: number;
  /** Duplicates inside the input that were merged (reported, not silently dropped). */
  duplicates: number;
  invalid: InvalidInput[];
  jobIds: string[];
}

export interface RelayStatus {
  url?: string;
  connected: boolean;
  channelId?: string;
  webhookUrl?: string;
  lastEventAt?: number;
  eventsWaiting?: number;
  /** Events are stored sealed to this browser's key. */
  sealed?: boolean;
  /** The relay refused a webhook because the channel reached its storage quota (507). */
  full?: boolean;
  /** The relay closed the live stream for a newer connection (4409); events are pulled until about this time + 10 min. */
  streamReplacedAt?: number;
  error?: string;
}

/**
 * Every message between the pages and the background, one `data` object in, a plain value out.
 * Handlers live in entrypoints/background/messages.ts only.
 */
export interface ProtocolMap extends ArchiveProtocol, TablesProtocol, FailoverProtocol {
  /** Pasted text, staged in IndexedDB by the page (`pasteId`, see paste-handoff.ts): URLs are extracted here. */
  queueUrls(data: { pasteId: string; provider?: ProviderId; options?: Record<string, unknown> }): QueueResult;
  /** One job per target (`scrapers`: the provider's prompt targets); provider: the first that takes prompts. */
  queuePrompt(data: { prompt: string; scrapers: string[]; provider?: ProviderId; options?: Record<string, unknown> }): QueueResult;
  queueDiscovery(data: { keyword: string; provider: ProviderId; options?: Record<string, unknown> }): QueueResult;
  scrapeTab(data: { tabId?: number; provider?: ProviderId }): QueueResult;
  retryJob(data: { id: string }): void;
  cancelJob(data: { id: string }): void;
  deleteJobs(data: { ids: string[] }): void;
  /** Retry failed / Cancel / Delete over "all matching", or Clear finished; progress is in the bulkOps table. */
  bulkJobs(data: { action: BulkAction; selection: BulkSelection }): BulkOutcome;
  /** After the user granted host access in a page: jobs waiting for access run now. */
  resumeWaitingForAccess(data: Record<string, never>): void;
  /** Shows a job in the side panel (opens it when the browser allows). */
  viewJob(data: { id: string }): void;
  checkKey(data: { provider: ProviderId }): KeyCheck;
  /** A provider's saved collections (capability `collections`, Options page). */
  listCollections(data: { provider: ProviderId }): CollectionSummary[];
  /**
   * Returns the collection as saved. (Not `void`: wire.ts's Reply needs a `value`, and an undefined one
   * is dropped on the way, so void replies fail to parse.)
   */
  renameCollection(data: { provider: ProviderId; id: string; name: string }): CollectionSummary;
  /** Queues a job that re-runs the collection, with the URLs of the newest local job that ran it. */
  rerunCollection(data: { provider: ProviderId; id: string }): QueueResult;
  relayConnect(data: { url: string; registrationToken?: string }): RelayStatus;
  relayDisconnect(data: Record<string, never>): RelayStatus;
  relayRotate(data: Record<string, never>): RelayStatus;
  relayStatus(data: Record<string, never>): RelayStatus;
  /** From the selection counter content script: links in the page's selection, for the menu title. */
  selectionCount(data: { count: number }): void;
  /** Runs due work now (used after settings change and by tests instead of waiting for an alarm). */
  tick(data: Record<string, never>): void;
}

export type MessageName = keyof ProtocolMap;
export type MessageData<K extends MessageName> = Parameters<ProtocolMap[K]>[0];
export type MessageReturn<K extends MessageName> = ReturnType<ProtocolMap[K]>;
