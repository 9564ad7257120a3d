import { describe, expect, it } from 'vitest';
import { newWebhookToken, webhookTokenMatches } from './webhook-token';

describe('newWebhookToken', () => {
  it('is 128 random bits as 22 base64url characters', () => {
    let asked = 0;
    const token = newWebhookToken((bytes) => {
      asked = bytes.length;
      return bytes.fill(0xff);
    });
    expect(asked).toBe(16);
    expect(token).toBe('_____________________w');
    expect(newWebhookToken()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('differs every time (real randomness)', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newWebhookToken()));
    expect(tokens.size).toBe(100);
  });
});

describe('webhookTokenMatches', () => {
  const stored = 'AAECAwQFBgcICQoLDA0ODw';
  it('matches only the exact token', () => {
    expect(webhookTokenMatches(stored, stored)).toBe(true);
    expect(webhookTokenMatches(stored, 'AAECAwQFBgcICQoLDA0ODx')).toBe(false);
    expect(webhookTokenMatches(stored, stored.slice(0, -1))).toBe(false);
    expect(webhookTokenMatches(stored, `${stored}x`)).toBe(false);
    expect(webhookTokenMatches(stored, '')).toBe(false);
    expect(webhookTokenMatches(stored, null)).toBe(false);
  });

  it('never matches when the job has no token', () => {
    expect(webhookTokenMatches(undefined, '')).toBe(false);
    expect(webhookTokenMatches('', '')).toBe(false);
    expect(webhookTokenMatches(undefined, 'undefined')).toBe(false);
  });
});
