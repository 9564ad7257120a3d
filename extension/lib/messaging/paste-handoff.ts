/**
 * Pasted text travels from a page to the worker through IndexedDB, not inside the message: runtime
 * messages cross the browser process as JSON, which took 450–750 ms for a 50,000-URL paste (1.7 MB) on
 * the build box, while writing and reading one IndexedDB row took ~100 ms. The rows live in a small
 * database of their own, so the main schema, its backups and its counters never see them.
 * @module
 */
import { Dexie, type EntityTable } from 'dexie';

interface Paste {
  id: string;
  text: string;
  at: number;
}

export type PasteDB = Dexie & { pastes: EntityTable<Paste, 'id'> };

/** A paste the worker never took (its page closed before the message left) is dropped after this long. */
export const STALE_PASTE_MS = 3600_000;

export function openPasteDb(name = 'scrape-queue-pastes'): PasteDB {
  const db = new Dexie(name) as PasteDB;
  db.version(1).stores({ pastes: 'id, at' });
  return db;
}

export interface PasteHandoffDeps {
  db?: PasteDB;
  now?: () => number;
  newId?: () => string;
}

export function createPasteHandoff({ db = openPasteDb(), now = Date.now, newId = () => crypto.randomUUID() }: PasteHandoffDeps = {}) {
  return {
    /** Stores `text` for the worker; resolves with the id to send once the row is committed. */
    async stage(text: string): Promise<string> {
      const id = newId();
      const at = now();
      await db.transaction('rw', db.pastes, async () => {
        await db.pastes.where('at').below(at - STALE_PASTE_MS).delete();
        await db.pastes.add({ id, text, at });
      });
      return id;
    },
    /** The staged text, removed in the same transaction, so a paste is queued at most once. */
    async take(id: string): Promise<string> {
      const text = await db.transaction('rw', db.pastes, async () => {
        const row = await db.pastes.get(id);
        if (row) await db.pastes.delete(id);
        return row?.text;
      });
      if (text === undefined) throw new Error('The pasted URLs did not reach the background; press Queue again.');
      return text;
    },
  };
}

export type PasteHandoff = ReturnType<typeof createPasteHandoff>;
