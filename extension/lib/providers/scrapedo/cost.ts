/**
 * What one Scrape.do task cost. Scrape.do documents the `Scrape.do-Request-Cost` response header as the
 * authoritative cost of a request and bills failed requests nothing (scrape.do/documentation/request-costs).
 * Where the Async API's task details carry it is unknown (reference §3: `ResponseHeaders{}` and a
 * `"Scrape.do"{}` object of unlisted fields), so every plausible spelling is looked for in each place.
 * @module
 */
import { firstCredits } from '../kit/credits';
import type { TaskDetails } from './schemas';
import type { TaskPhase } from './tasks';

/**
 * Key names for the cost, most specific first, compared without case or punctuation ("Request-Cost",
 * "RequestCost" and "request_cost" are one name). A more specific name wins wherever it is found:
 * a bare `Credits` could also be the account's balance.
 */
const COST_KEYS = ['scrapedorequestcost', 'requestcost', 'cost', 'credits'];

const normalize = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The values under `name` in `place` (a header may come as a list of strings). */
function valuesNamed(place: object | null | undefined, name: string): unknown[] {
  if (!place) return [];
  return Object.entries(place).flatMap(([key, value]) => (normalize(key) === name ? (Array.isArray(value) ? value : [value]) : []));
}

/**
 * Credits the task (in `phase`, from taskPhase) cost: 0 for a task that failed or was canceled, the reported cost for a successful
 * one, undefined when a successful task says nothing readable (unknown, never guessed). Still-running
 * tasks have no cost yet (undefined).
 */
export function taskCredits(task: TaskDetails, phase: TaskPhase): number | undefined {
  if (phase === 'error' || phase === 'canceled') return 0;
  if (phase !== 'success') return undefined;
  const places = [task['Scrape.do'], task.ResponseHeaders, task];
  return firstCredits(...COST_KEYS.flatMap((name) => places.flatMap((place) => valuesNamed(place, name))));
}
