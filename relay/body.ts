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
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        cleanup();
        // Keep reading and dropping what is left, so the 413 reaches the client before the socket closes.
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      // node's parser never passes more than Content-Length; the check keeps the copy in bounds regardless.
      if (into && total <= into.length) chunk.copy(into, total - chunk.length);
      else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      if (into && chunks.length === 0) return resolve(into.subarray(0, total));
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total));
    };
    const onError = () => {
      cleanup();
      reject(new BodyAbortedError());
    };
    const onClose = () => {
      if (!req.complete) onError();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
