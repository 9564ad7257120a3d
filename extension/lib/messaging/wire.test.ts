import { describe, expect, it } from 'vitest';
import { Reply } from './wire';

describe('Reply', () => {
  it('accepts a handler that returned nothing (no value key after structured cloning)', () => {
    expect(Reply.parse({ ok: true })).toEqual({ ok: true });
  });

  it('carries errors by name and message', () => {
    expect(Reply.parse({ ok: false, error: { name: 'QueueError', message: 'Too many URLs' } })).toMatchObject({ ok: false });
  });
});
