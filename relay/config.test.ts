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

  it('reads the server limits and --trust-proxy (flag and env), with their defaults', () => {
    const defaults = parseCli([], {});
    if (defaults.kind !== 'run') throw new Error('defaults');
    expect(defaults.config.app.server).toEqual({ headersTimeoutMs: 20_000, requestTimeoutMs: 300_000, keepAliveTimeoutMs: 5_000, maxConnections: 20_000 });
    expect(defaults.config.app.trustProxy).toBe(false);
    const flags = parseCli(['--headers-timeout', '10', '--request-timeout', '60', '--keep-alive-timeout', '2', '--max-connections', '500', '--trust-proxy'], {
      RELAY_MAX_CONNECTIONS: '9',
    });
    if (flags.kind !== 'run') throw new Error(JSON.stringify(flags));
    expect(flags.config.app.server).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 2_000, maxConnections: 500 });
    expect(flags.config.app.trustProxy).toBe(true);
    const env = parseCli([], { RELAY_HEADERS_TIMEOUT: '5', RELAY_REQUEST_TIMEOUT: '30', RELAY_KEEP_ALIVE_TIMEOUT: '0', RELAY_MAX_CONNECTIONS: '64', RELAY_TRUST_PROXY: '1' });
    if (env.kind !== 'run') throw new Error(JSON.stringify(env));
    expect(env.config.app.server).toEqual({ headersTimeoutMs: 5_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 0, maxConnections: 64 });
    expect(env.config.app.trustProxy).toBe(true);
    expect(parseCli([], { RELAY_TRUST_PROXY: '0' })).toMatchObject({ kind: 'run', config: { app: { trustProxy: false } } });
  });

  it('reads --max-subscribers (flag over env), default 16, and refuses 0', () => {
    expect(parseCli([], {})).toMatchObject({ kind: 'run', config: { app: { ws: { maxSubscribersPerChannel: 16, highWaterBytes: MB } } } });
    expect(parseCli(['--max-subscribers', '3'], { RELAY_MAX_SUBSCRIBERS: '9' })).toMatchObject({ config: { app: { ws: { maxSubscribersPerChannel: 3 } } } });
    expect(parseCli([], { RELAY_MAX_SUBSCRIBERS: '9' })).toMatchObject({ config: { app: { ws: { maxSubscribersPerChannel: 9 } } } });
    expect(parseCli(['--max-subscribers', '0'], {}).kind).toBe('error');
    expect(parseCli(['--help'], {})).toMatchObject({ text: expect.stringMatching(/--max-subscribers N.*RELAY_MAX_SUBSCRIBERS.*default 16/) });
  });

  it('reads --inline-event-max (flag over env), default 1mb, shown in --help, and refuses 0', () => {
    expect(parseCli([], {})).toMatchObject({ kind: 'run', config: { app: { ws: { inlineEventMaxBytes: MB } } } });
    expect(parseCli(['--inline-event-max', '256kb'], { RELAY_INLINE_EVENT_MAX: '4mb' })).toMatchObject({ config: { app: { ws: { inlineEventMaxBytes: 256 * 1024 } } } });
    expect(parseCli([], { RELAY_INLINE_EVENT_MAX: '4mb' })).toMatchObject({ config: { app: { ws: { inlineEventMaxBytes: 4 * MB } } } });
    expect(parseCli(['--inline-event-max', '0'], {}).kind).toBe('error');
    expect(parseCli(['--inline-event-max', 'big'], {}).kind).toBe('error');
    expect(parseCli(['--help'], {})).toMatchObject({ text: expect.stringMatching(/--inline-event-max SIZE[^]*event-ready[^]*RELAY_INLINE_EVENT_MAX\] default 1mb/) });
  });

  it('shows every new default in --help', () => {
    const help = parseCli(['--help'], {});
    if (help.kind !== 'help') throw new Error('help');
    for (const line of [/--headers-timeout.*default 20/, /--request-timeout.*default 300/, /--keep-alive-timeout.*default 5/, /--max-connections.*default 20000/, /--trust-proxy.*default off/]) {
      expect(help.text).toMatch(line);
    }
  });

  it.each([
    [['--headers-timeout', '600', '--request-timeout', '60'], 'error'],
    [['--max-connections', '0'], 'error'],
    [['--request-timeout', 'soon'], 'error'],
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
