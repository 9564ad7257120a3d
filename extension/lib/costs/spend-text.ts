import type { Spend } from './ledger';

const credits = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('en-US');
const plural = (n: number, one: string) => `${count.format(n)} ${n === 1 ? one : `${one}s`}`;

/** "12 credits (3 jobs)", "0 credits", "1 credit (1 job) · 2 jobs with unknown cost". */
export function spendText(s: Spend): string {
  const known = `${credits.format(s.credits)} ${s.credits === 1 ? 'credit' : 'credits'}${s.jobs > 0 ? ` (${plural(s.jobs, 'job')})` : ''}`;
  return s.unknownJobs > 0 ? `${known} · ${plural(s.unknownJobs, 'job')} with unknown cost` : known;
}
