import { describe, expect, it } from 'vitest';
import { cleartextProblem, isLoopbackHost } from './transport';

describe('cleartext rule for keys and secrets', () => {
  it('treats 127.0.0.0/8, ::1 and localhost as this machine, nothing else', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '[::1]', '::1', 'localhost', 'relay.localhost', 'LOCALHOST']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['10.0.0.1', '192.168.1.5', '128.0.0.1', '127.0.0.1.example.com', 'localhost.example.com', 'example.com', '[::2]']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('allows https anywhere and http only on loopback, with the reason otherwise', () => {
    expect(cleartextProblem('https://api.example.com/v1', 'the API key')).toBeUndefined();
    expect(cleartextProblem('http://127.0.0.1:8787', 'the API key')).toBeUndefined();
    expect(cleartextProblem('http://localhost:3000/x', 'the API key')).toBeUndefined();
    expect(cleartextProblem('http://api.example.com', 'the API key')).toBe(
      'Use https:// for api.example.com: over http:// the API key would travel unencrypted. Plain http is allowed only for this machine (127.0.0.1, ::1, localhost).',
    );
    expect(cleartextProblem('http://192.168.1.5:8787', 'the relay secret')).toMatch(/^Use https:\/\/ for 192\.168\.1\.5:8787: over http:\/\/ the relay secret/);
    expect(cleartextProblem('ftp://example.com', 'the API key')).toBe('Use an https:// URL (not ftp:).');
    expect(cleartextProblem('nope', 'the API key')).toBe('"nope" is not a full URL.');
  });
});
