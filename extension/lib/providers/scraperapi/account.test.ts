import { describe, expect, it } from 'vitest';
import { accountConfig, readAccount } from './account';

const config = (baseUrl: string) => ({ apiKey: 'k', baseUrl, extra: {} });

describe('ScraperAPI account', () => {
  it('asks the main API host for the default async host, and a custom base URL itself', () => {
    expect(accountConfig(config('https://async.scraperapi.com')).baseUrl).toBe('https://api.scraperapi.com');
    expect(accountConfig(config('https://async.scraperapi.com/')).baseUrl).toBe('https://api.scraperapi.com');
    expect(accountConfig(config('http://127.0.0.1:8123')).baseUrl).toBe('http://127.0.0.1:8123');
  });

  it.each([
    ['numbers', '{"requestCount":120,"requestLimit":1000,"concurrencyLimit":5}', { used: 120, limit: 1000, concurrencyLimit: 5, remainingCredits: 880 }],
    ['numeric strings', '{"requestCount":"120","requestLimit":"1000"}', { used: 120, limit: 1000, remainingCredits: 880 }],
    ['over the limit', '{"requestCount":1200,"requestLimit":1000}', { used: 1200, limit: 1000, remainingCredits: 0 }],
    ['no limit', '{"requestCount":5}', { used: 5 }],
    ['odd shapes', '{"requestCount":true,"requestLimit":-3}', {}],
    ['not an object', '[1,2]', {}],
    ['not JSON', 'Unauthorized', {}],
  ])('%s', (_name, body, expected) => {
    expect(readAccount(body)).toEqual(expected);
  });
});
