import { describe, expect, it } from 'vitest';
import { parseJson } from '../kit/http';
import { parseScrapeDoWebhook } from './webhook';
import { taskCredits } from './cost';
import { TaskDetails } from './schemas';
import { taskPhase } from './tasks';

/** A task answer as the API sends it, through the adapter's own schema. */
const task = (fields: Record<string, unknown>, Status = 'success') =>
  parseJson({ status: 200, headers: new Headers(), text: JSON.stringify({ TaskID: 't1', JobID: 'j1', Status, ...fields }) }, TaskDetails, 'test');
const credits = (fields: Record<string, unknown>, status?: string) => {
  const t = task(fields, status);
  return taskCredits(t, taskPhase(t.Status));
};

describe('Scrape.do task cost', () => {
  it.each([
    ['the documented header', { ResponseHeaders: { 'Scrape.do-Request-Cost': '10' } }],
    ['the header in lower case, as a list', { ResponseHeaders: { 'scrape.do-request-cost': ['10'] } }],
    ['Request-Cost in the Scrape.do object', { 'Scrape.do': { 'Request-Cost': 10 } }],
    ['RequestCost in the Scrape.do object', { 'Scrape.do': { RequestCost: '10' } }],
    ['Credits in the Scrape.do object', { 'Scrape.do': { credits: 10 } }],
    ['Cost at the top level', { Cost: 10 }],
    ['a numeric header value', { ResponseHeaders: { 'Request-Cost': 10 } }],
  ])('reads %s', (_name, fields) => {
    expect(credits(fields)).toBe(10);
  });

  it('prefers the most specific name wherever it is: a bare Credits may be the balance', () => {
    expect(credits({ 'Scrape.do': { Credits: 99_000 }, ResponseHeaders: { 'Scrape.do-Request-Cost': '25' } })).toBe(25);
  });

  it('skips an unreadable value for the next readable one', () => {
    expect(credits({ 'Scrape.do': { RequestCost: 'n/a' }, Cost: 5 })).toBe(5);
  });

  it('a successful task that says nothing readable is unknown, never 0', () => {
    expect(credits({ ResponseHeaders: { 'Content-Type': 'text/html' }, 'Scrape.do': {} })).toBeUndefined();
    expect(credits({ 'Scrape.do': { RequestCost: 'free' } })).toBeUndefined();
  });

  it('failed and canceled tasks cost nothing, whatever they carry; running ones have no cost yet', () => {
    expect(credits({ ResponseHeaders: { 'Scrape.do-Request-Cost': '10' } }, 'error')).toBe(0);
    expect(credits({}, 'canceled')).toBe(0);
    expect(credits({ Cost: 10 }, 'queued')).toBeUndefined();
  });
});

describe('Scrape.do webhook cost', () => {
  const hook = (fields: Record<string, unknown>, Status: string, tasks: number) =>
    parseScrapeDoWebhook({ headers: {}, body: JSON.stringify({ TaskID: 't1', JobID: 'j1', URL: 'https://example.com/', Status, ...fields }), query: `sqTasks=${tasks}` }, 0)[0];

  it('a one-task job reports the cost on the update, 0 when the task failed', () => {
    expect(hook({ ResponseHeaders: { 'Scrape.do-Request-Cost': '5' } }, 'success', 1)).toMatchObject({ state: 'done', cost: '5 credits', records: [{ cost: 5 }] });
    expect(hook({ Error: 'blocked' }, 'error', 1)).toMatchObject({ state: 'failed', cost: '0 credits', records: [{ cost: 0 }] });
  });

  it("a batch's task reports its cost on its record only (the job's total is the records' sum)", () => {
    const update = hook({ ResponseHeaders: { 'Scrape.do-Request-Cost': '5' } }, 'success', 2);
    expect(update).toMatchObject({ state: 'running', records: [{ cost: 5 }] });
    expect(update?.cost).toBeUndefined();
  });

  it('a one-task job without a readable cost leaves the cost unknown', () => {
    const update = hook({}, 'success', 1);
    expect(update?.cost).toBeUndefined();
    expect(update?.records?.[0]?.cost).toBeUndefined();
  });
});
