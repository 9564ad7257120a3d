import type { ProviderId, ScrapeLlmScraper } from '@@/shared/schemas/job';
import type { ArchiveProtocol } from '../archive/protocol';
import type { CollectionSummary } from '../providers/scrapingpros/schemas';
import type { KeyCheck } from '../providers/types';

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
  error?: string;
}

/**
 * Every message between the pages and the background, one `data` object in, a plain value out.
 * Handlers live in entrypoints/background/messages.ts only.
 */
export interface ProtocolMap extends ArchiveProtocol {
  queueUrls(data: { text: string; provider?: ProviderId; options?: Record<string, unknown> }): QueueResult;
  queuePrompt(data: { prompt: string; scrapers: ScrapeLlmScraper[]; options?: Record<string, unknown> }): QueueResult;
  queueDiscovery(data: { keyword: string; provider: 'brightdata'; options?: Record<string, unknown> }): QueueResult;
  scrapeTab(data: { tabId?: number; provider?: ProviderId }): QueueResult;
  retryJob(data: { id: string }): void;
  cancelJob(data: { id: string }): void;
  deleteJobs(data: { ids: string[] }): void;
  /** After the user granted host access in a page: jobs waiting for access run now. */
  resumeWaitingForAccess(data: Record<string, never>): void;
  /** Shows a job in the side panel (opens it when the browser allows). */
  viewJob(data: { id: string }): void;
  checkKey(data: { provider: ProviderId }): KeyCheck;
  /** ScrapingPros saved collections (Options page). */
  listCollections(data: Record<string, never>): CollectionSummary[];
  /**
   * Returns the collection as saved. (Not `void`: wire.ts's Reply needs a `value`, and an undefined one
   * is dropped on the way, so void replies fail to parse.)
   */
  renameCollection(data: { id: string; name: string }): { id: string; name: string };
  /** Queues a job that re-runs the collection, with the URLs of the newest local job that ran it. */
  rerunCollection(data: { id: string }): QueueResult;
  relayConnect(data: { url: string }): RelayStatus;
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
