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

  it('reads the Redis, quota, registration, TLS and log flags', () => {
    const actual = parseCli(
      ['--redis', 'redis://127.0.0.1:6390', '--channel-quota', '100mb', '--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--log-format', 'json'],
      { RELAY_REGISTRATION_TOKEN: 'a-long-registration-token' },
    );
    if (actual.kind !== 'run') throw new Error(JSON.stringify(actual));
    expect(actual.config).toMatchObject({ redisUrl: 'redis://127.0.0.1:6390', redisPrefix: 'sq:', tls: { certPath: 'c.pem', keyPath: 'k.pem' }, logFormat: 'json' });
    expect(actual.config.app).toMatchObject({ channelQuotaBytes: 100 * MB, registrationToken: 'a-long-registration-token' });
    const defaults = parseCli([], {});
    if (defaults.kind !== 'run') throw new Error('defaults');
    expect(defaults.config.app.channelQuotaBytes).toBe(256 * MB);
    expect(defaults.config.redisUrl).toBeUndefined();
    const rates = parseCli(['--pull-rate', '2', '--connect-rate', '500'], {});
    if (rates.kind !== 'run') throw new Error('rates');
    expect(rates.config.app.pullRate).toEqual({ perSecond: 2, burst: 60 });
    expect(rates.config.app.connectRate).toEqual({ perSecond: 500, burst: 500 });
  });

  it.each([
    [['--tls-cert', 'c.pem'], 'error'],
    [['--redis', 'http://x'], 'error'],
    [['--registration-token', 'short'], 'error'],
    [['--log-format', 'xml'], 'error'],
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
