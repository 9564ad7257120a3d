import { describe, expect, it } from 'vitest';
import { MB, parseCli } from './config';

describe('parseCli', () => {
  it('uses defaults', () => {
    const actual = parseCli([], {});
    expect(actual.kind).toBe('run');
    if (actual.kind !== 'run') return;
    expect(actual.config).toMatchObject({ host: '127.0.0.1', port: 8787, dbPath: './relay-data/relay.sqlite', memory: false });
    expect(actual.config.app).toMatchObject({ bodyLimitBytes: 50 * MB, ttlMs: 72 * 3600_000, publicUrl: undefined });
  });

  it('reads env, and flags win over env', () => {
    const actual = parseCli(['--port', '9000', '--body-limit', '512kb', '--public-url', 'https://relay.example.com/'], {
      RELAY_PORT: '1234',
      RELAY_TTL_HOURS: '1.5',
      RELAY_MEMORY: '1',
      RELAY_RATE: '5',
      RELAY_BURST: '7',
    });
    if (actual.kind !== 'run') throw new Error(JSON.stringify(actual));
    expect(actual.config.port).toBe(9000);
    expect(actual.config.memory).toBe(true);
    expect(actual.config.app).toMatchObject({
      bodyLimitBytes: 512 * 1024,
      ttlMs: 1.5 * 3600_000,
      publicUrl: 'https://relay.example.com',
      hookRate: { perSecond: 5, burst: 7 },
    });
  });

  it.each([
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['--port', 'x'], 'error'],
    [['--body-limit', 'lots'], 'error'],
    [['--public-url', 'ftp://x'], 'error'],
    [['--nope'], 'error'],
  ])('%j → %s', (argv, expected) => {
    expect(parseCli(argv, {}).kind).toBe(expected);
  });
});
