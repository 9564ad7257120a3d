/** Calendar periods in the user's local time: spend "today" and "this month" are what the user sees on a calendar. */

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12" */
export function monthKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** "2026-12-03" */
export function dayKey(at: number): string {
  const d = new Date(at);
  return `${monthKey(at)}-${pad(d.getDate())}`;
}

/** Epoch ms of the first moment of the month after `at`. */
export function nextMonthStart(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime();
}
