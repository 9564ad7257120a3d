import type { PollPlan } from '../types';

/**
 * The hosted providers' single-page jobs mostly take 5–30 s (issue 10). First poll at the middle of that
 * range, second at its end: 1.5 status requests per such job and a mean detection lag of about 6 s
 * (`npm run bench -- polls`); longer jobs then back off geometrically from the 12.5 s gap.
 */
export const TYPICAL_5_TO_30_S: Pick<PollPlan, 'firstPollDelayMs' | 'typicalDoneByMs'> = {
  firstPollDelayMs: 17_500,
  typicalDoneByMs: 30_000,
};
