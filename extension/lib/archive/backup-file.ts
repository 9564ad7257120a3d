/**
 * Page side of "Back up everything" and "Restore from backup". The backup is assembled from Blob
 * parts of a few MB each: the browser keeps large blobs on disk, so the page never holds the whole
 * archive in memory. A restore reads the file as a stream and sends whole lines to the worker in batches.
 * @module
 */
import type { ScrapeQueueDB } from '../db/schema';
import { backupChunks, type BackupProgress } from './backup';
import { BackupLine } from './schemas';
import { addReports, createLineSplitter, emptyReport, type RestoreReport } from './restore';

/** Text gathered before it becomes one Blob part. */
const PART_CHARS = 4 * 1024 * 1024;
/** Text sent to the worker per restore message (runtime messages are copied; keep them modest). */
const BATCH_CHARS = 2 * 1024 * 1024;

export async function buildBackup(
  db: ScrapeQueueDB,
  storage: () => Promise<Record<string, unknown>>,
  onProgress: (p: BackupProgress) => void,
): Promise<Blob> {
  const parts: Blob[] = [];
  let pending: string[] = [];
  let size = 0;
  for await (const chunk of backupChunks({ db, storage, now: Date.now }, onProgress)) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= PART_CHARS) {
      parts.push(new Blob(pending));
      pending = [];
      size = 0;
    }
  }
  parts.push(new Blob(pending));
  return new Blob(parts, { type: 'application/x-ndjson' });
}

export const backupFileName = (now: Date) => `scrape-queue-backup-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.ndjson`;

export class BackupFileError extends Error {
  override readonly name = 'BackupFileError';
}

function isHeader(line: string): boolean {
  try {
    return BackupLine.safeParse(JSON.parse(line)).data?.type === 'header';
  } catch {
    return false;
  }
}

export async function restoreFile(
  file: Blob,
  send: (lines: string[], firstLine: number) => Promise<RestoreReport>,
  onProgress: (bytesRead: number, total: number) => void,
): Promise<RestoreReport> {
  const report = emptyReport();
  const split = createLineSplitter();
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  let batch: string[] = [];
  let batchChars = 0;
  let firstLine = 1;
  let read = 0;
  const flush = async () => {
    if (!batch.length) return;
    if (firstLine === 1 && !isHeader(batch[0] ?? '')) throw new BackupFileError('This file is not a Scrape Queue backup (its first line is not a backup header).');
    addReports(report, await send(batch, firstLine));
    firstLine += batch.length;
    batch = [];
    batchChars = 0;
  };
  for (;;) {
    const { done, value } = await reader.read();
    const lines = done ? [...split.push(decoder.decode()), ...split.end()] : split.push(decoder.decode(value, { stream: true }));
    if (!done) read += value.byteLength;
    for (const line of lines) {
      batch.push(line);
      batchChars += line.length;
      if (batchChars >= BATCH_CHARS) await flush();
    }
    onProgress(Math.min(read, file.size), file.size);
    if (done) break;
  }
  await flush();
  return report;
}
