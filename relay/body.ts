import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Body exceeds the limit of ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export class BodyAbortedError extends Error {
  constructor() {
    super('Client aborted the request body');
    this.name = 'BodyAbortedError';
  }
}

/**
 * Reads the whole request body as raw bytes, never holding more than `limit` bytes: a
 * Content-Length above the limit fails before reading, otherwise bytes are counted as they stream.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  // A declared length lets the bytes go straight into one buffer: collecting chunks and then
  // concatenating them held every big body twice (the upload gate has reserved `declared` already,
  // and pages of the buffer become resident only as bytes arrive).
  const into = Number.isFinite(declared) && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
  // Anonymous listeners and a settled flag rather than named handlers removed on settle: the
  // request object (and its listeners) goes with the request, and tsx wraps every named closure in
  // a defineProperty call per webhook.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return; // over the limit: the rest is read and dropped, so the 413 reaches the client
      total += chunk.length;
      if (total > limit) {
        settled = true;
        return reject(new BodyTooLargeError(limit));
      }
      // node's parser never passes more than Content-Length; the check keeps the copy in bounds regardless.
      if (into && total <= into.length) chunk.copy(into, total - chunk.length);
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      if (into && chunks.length === 0) return resolve(into.subarray(0, total));
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    });
    req.on('error', () => {
      if (settled) return;
      settled = true;
      reject(new BodyAbortedError());
    });
    req.on('close', () => {
      if (settled || req.complete) return;
      settled = true;
      reject(new BodyAbortedError());
    });
  });
}
