import { afterEach, describe, expect, it } from 'vitest';
import { createPasteHandoff, openPasteDb, STALE_PASTE_MS } from './paste-handoff';

describe('paste handoff', () => {
  const db = openPasteDb('paste-handoff-test');
  afterEach(async () => {
    await db.pastes.clear();
  });

  it('gives the staged text to one take only', async () => {
    const pastes = createPasteHandoff({ db });
    const text = Array.from({ length: 50_000 }, (_, i) => `https://a.test/${i}`).join('\n');
    const id = await pastes.stage(text);
    expect(await pastes.take(id)).toBe(text);
    await expect(pastes.take(id)).rejects.toThrow('press Queue again');
    expect(await db.pastes.count()).toBe(0);
  });

  it('drops pastes left over for more than an hour when the next one is staged', async () => {
    let now = 1_000_000;
    let n = 0;
    const pastes = createPasteHandoff({ db, now: () => now, newId: () => `p${++n}` });
    await pastes.stage('old');
    now += STALE_PASTE_MS / 2;
    await pastes.stage('recent');
    now += STALE_PASTE_MS / 2 + 1;
    await pastes.stage('new');
    expect((await db.pastes.toArray()).map((p) => p.text).toSorted()).toEqual(['new', 'recent']);
  });
});
