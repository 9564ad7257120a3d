/**
 * Credits as providers report them: a number, a numeric text, or text such as "3 credits". Anything
 * else (absent, negative, a word) reads as undefined, i.e. "unknown", never as 0.
 * @module
 */

const LEADING_NUMBER = /^\s*(\d+(?:\.\d+)?)(?![\d.])/;

export function readCredits(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = LEADING_NUMBER.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** The first of `values` that reads as credits (providers spell the same fact several ways). */
export const firstCredits = (...values: unknown[]): number | undefined => {
  for (const value of values) {
    const credits = readCredits(value);
    if (credits !== undefined) return credits;
  }
  return undefined;
};

/** The job's `cost` text for a number of credits. */
export const creditsText = (credits: number): string => `${credits} ${credits === 1 ? 'credit' : 'credits'}`;

/** `{ cost }` when credits are known, `{}` otherwise: spread into a submit or status result. */
export const costField = (credits: number | undefined): { cost?: string } => (credits === undefined ? {} : { cost: creditsText(credits) });
