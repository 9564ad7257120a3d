import { z } from 'zod';

/** The envelope on runtime messages; anything else on the bus is ignored. */
export const Envelope = z.object({ $sq: z.literal(1), name: z.string(), data: z.unknown() });

export const Reply = z.union([
  // A handler that returns nothing sends no `value` key at all.
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: z.object({ name: z.string(), message: z.string() }) }),
]);
export type Reply = z.infer<typeof Reply>;

export function serializeError(e: unknown): { name: string; message: string } {
  return e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
}

/** Rethrown on the sender's side, keeping the background's message and error name. */
export class RemoteError extends Error {
  constructor(remoteName: string, message: string) {
    super(message);
    this.name = remoteName;
  }
}
